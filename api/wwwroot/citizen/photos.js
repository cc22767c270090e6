// Phone photos are often larger than the 5 MB a report photo may be: large ones are re-encoded as JPEG, at most 1600 px.
const LIMIT = 1_500_000;
const MAX_SIDE = 1600;

export async function downscale(file) {
  if (file.size <= LIMIT || !file.type.startsWith('image/')) {
    return file;
  }
  const bitmap = await createImageBitmap(file);
  const scale = Math.min(1, MAX_SIDE / Math.max(bitmap.width, bitmap.height));
  const canvas = document.createElement('canvas');
  canvas.width = Math.round(bitmap.width * scale);
  canvas.height = Math.round(bitmap.height * scale);
  canvas.getContext('2d').drawImage(bitmap, 0, 0, canvas.width, canvas.height);
  const blob = await new Promise((resolve) => canvas.toBlob(resolve, 'image/jpeg', 0.85));
  return new File([blob], file.name.replace(/\.[^.]*$/, '') + '.jpg', { type: 'image/jpeg' });
}
