// Polls the import's progress and refreshes the page when the background work finishes.
(function () {
    const card = document.getElementById('import-progress');
    if (!card) return;
    const bar = document.getElementById('import-bar');
    const fill = bar.querySelector('.progress-bar');
    const phase = document.getElementById('import-phase');
    async function poll() {
        try {
            const response = await fetch(card.dataset.progressUrl, { headers: { 'Accept': 'application/json' } });
            if (response.ok) {
                const state = await response.json();
                if (!state.working) { window.location.reload(); return; }
                bar.setAttribute('aria-valuenow', state.percent);
                fill.style.width = state.percent + '%';
                fill.textContent = state.percent + '%';
                if (state.total > 0) {
                    phase.textContent = state.phase + ': ' + state.done.toLocaleString() + ' of about ' + state.total.toLocaleString() + ' rows. You can leave this page; the import continues.';
                }
            }
        } catch (e) { /* network hiccup: try again */ }
        setTimeout(poll, 400);
    }
    setTimeout(poll, 300);
})();
