export async function designerView(root) { root.textContent = 'designer'; }
