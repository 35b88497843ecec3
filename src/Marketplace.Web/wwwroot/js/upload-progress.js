// While the erasure report is sent, checked and recorded (tens of seconds for 50,000 media), shows how far it has got.
// The form is posted as usual, so the answer replaces this page as it would without the script; meanwhile the page polls
// the server for the progress of the request that carries its token.
(function () {
    const form = document.getElementById('report-form');
    if (!form) return;
    const token = document.getElementById('report-progress-token');
    const region = document.getElementById('report-progress');
    const bar = document.getElementById('report-bar');
    const fill = bar.querySelector('.progress-bar');
    const phase = document.getElementById('report-phase');
    const submit = document.getElementById('report-submit');

    function show(percent, words) {
        bar.setAttribute('aria-valuenow', percent);
        fill.style.width = percent + '%';
        fill.textContent = percent + '%';
        phase.textContent = words;
    }

    async function poll() {
        try {
            const response = await fetch(form.dataset.progressUrl + '?token=' + encodeURIComponent(token.value), { headers: { 'Accept': 'application/json' } });
            if (response.ok) {
                const state = await response.json();
                if (state.working) {
                    show(state.percent, state.total > 0
                        ? state.phase + ': ' + state.done.toLocaleString() + ' of ' + state.total.toLocaleString() + ' rows.'
                        : state.phase + '…');
                }
            }
        } catch (e) { /* a dropped poll: the next one tries again */ }
        setTimeout(poll, 400);
    }

    form.addEventListener('submit', function () {
        token.value = (crypto.randomUUID ? crypto.randomUUID() : String(Date.now()) + Math.random().toString(16).slice(2));
        region.hidden = false;
        submit.disabled = true;
        submit.textContent = 'Uploading…';
        show(0, 'Sending the file…');
        setTimeout(poll, 300);
    });

    // Back to this page from the answer (the browser's page cache): ready for another upload.
    window.addEventListener('pageshow', function (event) {
        if (event.persisted) {
            region.hidden = true;
            submit.disabled = false;
            submit.textContent = 'Upload and record the media';
        }
    });
})();
