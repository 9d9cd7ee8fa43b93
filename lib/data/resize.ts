/**
 * Bilinear resizing that reproduces d2l's `transforms.Resize((h, w))` followed
 * by `ToTensor()` on a Fashion-MNIST PIL image, for enlarging.
 *
 * Pillow (which torchvision's Resize calls for PIL images) samples at pixel
 * centres — tf.image.resizeBilinear's alignCorners=false, halfPixelCenters=true
 * — and when enlarging its edge handling equals tfjs's clamping. It resizes in
 * two passes, width first, storing each pass as 8-bit integers rounded half up;
 * doing the same here matters (one float pass is off by a level in places).
 * Checked against torchvision (test/data-resize.test.ts): identical at 224²,
 * 112², 68², 64², 32². At sizes where Pillow's 22-bit fixed-point weights
 * decide exact .5 ties (96², 227², 65², …) about 1 % of values differ by one
 * level (1/255). Shrinking is not offered: Pillow then widens the filter
 * (antialiasing), which resizeBilinear does not.
 */
import { tf } from "../tf";

export type ImageSize = [height: number, width: number];

function roundHalfUp(x: tf.Tensor4D): tf.Tensor4D {
  return tf.floor(tf.add(x, 0.5)) as tf.Tensor4D;
}

/** A batch of grey images with values 0..255, [B, H, W, 1] → [B, height, width, 1], still 0..255 integers. */
export function resizeLikeTorchvision(images: tf.Tensor4D, [height, width]: ImageSize): tf.Tensor4D {
  const [, inHeight, inWidth] = images.shape;
  if (height < inHeight || width < inWidth) {
    throw new Error(
      `cannot shrink ${inHeight}×${inWidth} images to ${height}×${width}: torchvision antialiases when shrinking and this resize does not; use a size of at least ${inHeight}×${inWidth}`,
    );
  }
  return tf.tidy(() => {
    let resized = images;
    if (width !== inWidth) resized = roundHalfUp(tf.image.resizeBilinear(resized, [inHeight, width], false, true));
    if (height !== inHeight) resized = roundHalfUp(tf.image.resizeBilinear(resized, [height, width], false, true));
    return resized === images ? tf.clone(images) : resized;
  });
}
