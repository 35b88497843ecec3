// The marketplace's closing times: the server renders each close in UTC (<time datetime>), which stays the fallback
// without JavaScript. Here it is shown in the viewer's own time zone with a live countdown. Display only: the server's
// clock decides when bidding ends, so a countdown at zero says "results soon" rather than anything final.
(function () {
    const format = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric', year: 'numeric', hour: 'numeric', minute: '2-digit', timeZoneName: 'short' });
    document.querySelectorAll('time[data-local-time]').forEach(function (time) {
        const at = new Date(time.getAttribute('datetime'));
        if (!isNaN(at)) {
            time.title = time.textContent.trim();
            time.textContent = format.format(at);
        }
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

    // The lot page's update-runway chart; its figures travel in the canvas's data-chart attribute (no inline script).
    const canvas = document.getElementById('aue-chart');
    if (canvas && window.Chart) {
        const data = JSON.parse(canvas.dataset.chart);
        new Chart(canvas, {
            type: 'bar',
            data: { labels: data.labels, datasets: [{ label: 'Devices', backgroundColor: '#1d4ed8', maxBarThickness: 40, data: data.devices }] },
            options: {
                responsive: true,
                animation: false,
                plugins: { legend: { display: false } },
                scales: { x: { title: { display: true, text: 'Years of updates left', color: '#374151' }, ticks: { color: '#374151' } },
                          y: { beginAtZero: true, ticks: { precision: 0, color: '#374151' } } }
            }
        });
    }
})();
