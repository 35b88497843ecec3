// Sale times. The server's clock decides when bidding closes; this file only displays: <time data-local> in the
// viewer's own time zone, and [data-countdown] ticking down to its datetime. Without JavaScript both read in UTC.
// Forms listing a lot send the viewer's IANA time zone, so "closes at" is read as the district typed it.
(function () {
    const format = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short', timeZoneName: 'short' });
    document.querySelectorAll('time[data-local]').forEach(function (time) {
        const at = new Date(time.getAttribute('datetime'));
        if (!isNaN(at)) {
            time.textContent = format.format(at);
        }
    });

    document.querySelectorAll('input[data-time-zone]').forEach(function (input) {
        input.value = Intl.DateTimeFormat().resolvedOptions().timeZone || '';
    });

    const counters = Array.from(document.querySelectorAll('[data-countdown]'));
    function tick() {
        const now = Date.now();
        counters.forEach(function (counter) {
            const left = Math.max(0, new Date(counter.dataset.countdown).getTime() - now);
            const s = Math.floor(left / 1000);
            const d = Math.floor(s / 86400), h = Math.floor(s % 86400 / 3600), m = Math.floor(s % 3600 / 60), sec = s % 60;
            counter.textContent = left === 0 ? 'closing now: reload for the result'
                : (d > 0 ? d + 'd ' : '') + (d > 0 || h > 0 ? h + 'h ' : '') + m + 'm ' + (d > 0 ? '' : sec + 's') + ' left';
        });
    }

    if (counters.length > 0) {
        tick();
        setInterval(tick, 1000);
    }
})();
