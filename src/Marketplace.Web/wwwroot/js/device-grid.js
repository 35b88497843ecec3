// "Tick every device on this page" for the bulk-edit grid.
(function () {
    const all = document.getElementById('select-page');
    if (!all) return;
    const boxes = () => Array.from(document.querySelectorAll('.device-check'));
    all.addEventListener('change', () => boxes().forEach(b => { b.checked = all.checked; }));
    document.addEventListener('change', e => {
        if (!e.target.classList || !e.target.classList.contains('device-check')) return;
        const list = boxes();
        all.checked = list.every(b => b.checked);
        all.indeterminate = !all.checked && list.some(b => b.checked);
    });
})();
