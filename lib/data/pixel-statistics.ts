/**
 * Mean and standard deviation of 8-bit pixels, in [0, 1] units: what
 * `fashionMnist({ normalize })` needs, computed from the training images
 * (never from the validation images, which would leak them into training).
 */
export function pixelMeanStd(images: Uint8Array): { mean: number; std: number } {
  if (images.length === 0) throw new Error("pixelMeanStd: no pixels");
  let sum = 0;
  let sumOfSquares = 0;
  for (const value of images) {
    sum += value;
    sumOfSquares += value * value;
  }
  const mean = sum / images.length;
  const variance = Math.max(0, sumOfSquares / images.length - mean * mean);
  return { mean: mean / 255, std: Math.sqrt(variance) / 255 };
}
