// The colour of a label id (included by slice.frag and raycast.frag, which declare
// u_label_colors: 256 × u_label_rows, id = row * 256 + column, alpha 0 for hidden ids).
vec4
label_color (uint id)
{
  if (id < uint (u_label_rows * 256))
    return texelFetch (u_label_colors, ivec2 (int (id % 256u), int (id / 256u)), 0);
  // Ids beyond the table: hues spaced by the golden angle.
  float h = fract (float (id) * 0.618034) * 6.0;
  vec3 rgb = clamp (abs (mod (h + vec3 (0.0, 4.0, 2.0), 6.0) - 3.0) - 1.0, 0.0, 1.0);
  return vec4 (mix (vec3 (1.0), rgb, 0.75), 1.0);
}
