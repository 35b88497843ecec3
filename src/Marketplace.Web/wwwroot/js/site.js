// Asks before a consequential post (cancel an order, accept a quote): a button with data-confirm="question"
// submits its form only when the person confirms. Without JavaScript the form simply submits.
document.addEventListener('submit', function (event) {
    const button = event.submitter;
    const question = button && button.dataset ? button.dataset.confirm : null;
    if (question && !window.confirm(question)) {
        event.preventDefault();
    }
});
