// The lot page's chart of years of updates left. Closing times and countdowns are sale-time.js's, on every page.
(function () {
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
