// The scan page: each scan is posted as it arrives (fetch, with the form's anti-forgery token), so a barcode scanner's
// Enter never reloads the page and the input keeps focus. Scans wait in a queue kept in localStorage until the server has
// answered, so a dropped connection or a closed tab loses none: they are sent, in order, when the page can reach the server
// again. Without JavaScript the form posts one scan at a time and the page comes back with its outcome.
(function () {
    const form = document.getElementById('scan-form');
    if (!form || !window.fetch) return;
    const input = document.getElementById('scan-value');
    const box = document.getElementById('scan-box');
    const deprovision = document.getElementById('scan-deprovision');
    const grade = document.getElementById('scan-grade');
    const model = document.getElementById('scan-model');
    const status = document.getElementById('scan-status');
    const queueNote = document.getElementById('scan-queue');
    const recent = document.getElementById('recent-scans');
    const template = document.getElementById('recent-row');
    const token = form.querySelector('input[name="__RequestVerificationToken"]').value;
    const key = form.dataset.queueKey;
    const classes = { Matched: 'alert-success', Removed: 'alert-success', Unknown: 'alert-warning', Duplicate: 'alert-warning', Refused: 'alert-danger', Waiting: 'alert-secondary' };
    let queue = load();
    let sending = false;

    function load() {
        try { return JSON.parse(localStorage.getItem(key) || '[]'); } catch (e) { return []; }
    }

    function save() {
        try { localStorage.setItem(key, JSON.stringify(queue)); } catch (e) { /* private mode: the queue lives in memory only */ }
        queueNote.textContent = queue.length === 0 ? '' : queue.length + (queue.length === 1 ? ' scan is' : ' scans are') + ' waiting to be saved' + (navigator.onLine ? '…' : ': no connection, they are kept and sent when it is back.');
    }

    function show(result, message) {
        status.classList.remove('alert-success', 'alert-warning', 'alert-danger', 'alert-secondary');
        status.classList.add(classes[result] || 'alert-secondary');
        status.dataset.result = result;
        status.textContent = (result === 'Duplicate' ? '⚠ Duplicate — ' : result === 'Refused' ? '✖ Not recorded — ' : result === 'Unknown' ? '? Unknown — ' : '') + message;
        // Restart the highlight so a second duplicate in a row is seen too.
        status.classList.remove('scan-flash');
        void status.offsetWidth;
        status.classList.add('scan-flash');
    }

    function setCount(id, value) {
        const element = document.getElementById(id);
        if (element && typeof value === 'number') element.textContent = value.toLocaleString('en-US');
    }

    function addRow(answer) {
        if (!template || !recent || (answer.result !== 'Matched' && answer.result !== 'Unknown')) return;
        const row = template.content.firstElementChild.cloneNode(true);
        row.querySelector('[data-field="value"]').textContent = answer.value;
        row.querySelector('[data-field="device"]').textContent = answer.serial ? answer.serial + (answer.assetTag ? ' · ' + answer.assetTag : '') : 'unknown';
        row.querySelector('[data-field="box"]').textContent = answer.box || '—';
        row.querySelector('[data-field="when"]').textContent = new Date().toISOString().substring(11, 19);
        row.querySelector('[data-field="remove-value"]').value = answer.serial || answer.value;
        row.querySelector('[data-field="remove-button"]').setAttribute('aria-label', 'Take back the scan of ' + answer.value);
        recent.insertBefore(row, recent.firstChild);
        while (recent.children.length > 15) recent.removeChild(recent.lastChild);
        const none = document.getElementById('no-scans');
        if (none) none.remove();
    }

    async function send() {
        if (sending || queue.length === 0) return;
        sending = true;
        try {
            while (queue.length > 0) {
                const scan = queue[0];
                const body = new URLSearchParams();
                body.append('__RequestVerificationToken', token);
                body.append('Value', scan.value);
                body.append('Box', scan.box || '');
                if (scan.deprovision) body.append('ConfirmDeprovisioned', 'true');
                if (scan.grade) body.append('Grade', scan.grade);
                if (scan.model) body.append('Model', scan.model);
                let response;
                try {
                    response = await fetch(form.action, { method: 'POST', body: body, credentials: 'same-origin', headers: { 'Accept': 'application/json' } });
                } catch (e) {
                    save();
                    setTimeout(send, 3000);
                    return;
                }

                const type = response.headers.get('Content-Type') || '';
                if (!type.includes('application/json')) {
                    // Signed out, or the server failed: keep the scan and say so; it is sent again after a reload.
                    show('Refused', 'The server did not take the scan of ' + scan.value + ' (HTTP ' + response.status + '). It is kept; reload the page to send it again.');
                    save();
                    return;
                }

                const answer = await response.json();
                queue.shift();
                save();
                show(answer.result, answer.message);
                if (response.ok) {
                    setCount('count-scanned', answer.scanned);
                    setCount('count-unknown', answer.unknown);
                    setCount('count-missing', answer.missing);
                    addRow(answer);
                }
            }
        } finally {
            sending = false;
        }
    }

    form.addEventListener('submit', function (event) {
        event.preventDefault();
        const value = input.value.trim();
        input.value = '';
        input.focus();
        if (value === '') return;
        // The grade and model as received stay set between scans, as the box does: a technician grades a run of alike devices.
        queue.push({
            value: value, box: box ? box.value.trim() : '', deprovision: !!(deprovision && deprovision.checked),
            grade: grade ? grade.value : '', model: model ? model.value.trim() : ''
        });
        save();
        send();
    });

    window.addEventListener('online', send);
    save();
    send();
    input.focus();
})();
