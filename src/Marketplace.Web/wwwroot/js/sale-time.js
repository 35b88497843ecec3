// Sale times. The server's clock decides when bidding closes; this file only displays: <time data-local> (or
// data-local-time) in the viewer's own time zone, and [data-countdown] ticking down to its datetime, saying "results
// soon" at zero rather than anything final. Without JavaScript both read in UTC, as the server rendered them.
// Forms listing a lot send the viewer's IANA time zone, so "closes at" is read as the district typed it.
(function () {
    const format = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric', year: 'numeric', hour: 'numeric', minute: '2-digit', timeZoneName: 'short' });
    document.querySelectorAll('time[data-local], time[data-local-time]').forEach(function (time) {
        const at = new Date(time.getAttribute('datetime'));
        if (!isNaN(at)) {
            time.title = time.textContent.trim();
            time.textContent = format.format(at);
        }
    });

    document.querySelectorAll('input[data-time-zone]').forEach(function (input) {
        input.value = Intl.DateTimeFormat().resolvedOptions().timeZone || '';
    });

    const counters = Array.from(document.querySelectorAll('[data-countdown]'));
    function pad(n) { return String(n).padStart(2, '0'); }
    function tick() {
        const now = Date.now();
        counters.forEach(function (counter) {
            const left = Math.floor((new Date(counter.dataset.countdown).getTime() - now) / 1000);
            if (isNaN(left)) return;
            if (left <= 0) {
                counter.textContent = 'Closed; results soon';
                return;
            }
            const d = Math.floor(left / 86400), h = Math.floor(left % 86400 / 3600), m = Math.floor(left % 3600 / 60), s = left % 60;
            counter.textContent = 'Closes in ' + (d > 0 ? d + ' d ' + pad(h) + ' h ' + pad(m) + ' min' : h > 0 ? h + ' h ' + pad(m) + ' min ' + pad(s) + ' s' : m + ' min ' + pad(s) + ' s');
        });
    }

    if (counters.length > 0) {
        tick();
        setInterval(tick, 1000);
    }
})();
