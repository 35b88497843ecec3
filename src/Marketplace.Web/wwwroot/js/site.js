// Asks before a consequential post (cancel an order, accept a quote): a button with data-confirm="question"
// submits its form only when the person confirms. Without JavaScript the form simply submits.
document.addEventListener('submit', function (event) {
    const button = event.submitter;
    const question = button && button.dataset ? button.dataset.confirm : null;
    if (question && !window.confirm(question)) {
        event.preventDefault();
    }
});

// Progress bars take their width from data-progress="0..100": the Content-Security-Policy refuses style="" attributes,
// but not styles set from a script. Without JavaScript the bar's text and aria-valuenow still say how far it got.
document.querySelectorAll('[data-progress]').forEach(function (bar) {
    const percent = Math.max(0, Math.min(100, Number(bar.dataset.progress) || 0));
    bar.style.width = percent + '%';
});

// Validation and quality-control decisions are one small form per row; the person deciding is typed once above the
// list (inputs with data-person="Name|Title|Location|Contact") and copied into the row's form as it is sent.
document.addEventListener('submit', function (event) {
    const form = event.target;
    if (!form.matches || !form.matches('[data-person-form]')) {
        return;
    }
    document.querySelectorAll('[data-person]').forEach(function (input) {
        const hidden = form.querySelector('input[type=hidden][name="' + input.dataset.person + '"]');
        if (hidden) {
            hidden.value = input.value;
        }
    });
});
