// The finance overview's revenue chart. Its figures travel in the canvas's data-chart attribute (JSON), not in an
// inline script: the Content-Security-Policy allows scripts from this site's files only.
(function () {
    const canvas = document.getElementById('revenue-chart');
    if (!canvas || !window.Chart) return;
    const data = JSON.parse(canvas.dataset.chart);
    new Chart(canvas, {
        type: 'bar',
        data: {
            labels: data.months,
            datasets: [
                { label: 'Buyback fees', backgroundColor: '#1d4ed8', maxBarThickness: 56, data: data.buyback },
                { label: 'Storefront fees', backgroundColor: '#0f766e', maxBarThickness: 56, data: data.storefront }
            ]
        },
        options: { responsive: true, scales: { x: { stacked: true }, y: { stacked: true, ticks: { callback: v => '$' + v.toLocaleString() } } } }
    });
})();
