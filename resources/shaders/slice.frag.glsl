#version 330 core
// One layer of a slice view.  Each fragment is a world point of the slice plane; it is taken to
// the layer's voxel grid through the inverse affine, so layers on different grids and oblique
// affines line up.  Voxel centres sit at integer voxel coordinates.
in vec3 v_voxel;
out vec4 frag_color;

uniform vec3 u_dims;
uniform int u_mode;               // 0 scalar, 1 label, 2 RGB
uniform sampler3D u_volume;
uniform usampler3D u_labels;
uniform sampler2D u_colormap;     // 256 × 1
uniform sampler2D u_label_colors; // 256 × u_label_rows, id = row * 256 + column
uniform int u_label_rows;
uniform float u_value_scale;      // texel → real value
uniform float u_value_offset;
uniform float u_min;
uniform float u_max;
uniform float u_threshold;
uniform float u_opacity;
uniform bool u_outline;
uniform vec3 u_pixel_x;           // one pixel to the right, in voxels
uniform vec3 u_pixel_y;           // one pixel up, in voxels
// The brick of the volume bound (the whole volume unless it is larger than the GL allows): its
// first texel's voxel and size, and the voxels it draws (its neighbours draw the rest).
uniform vec3 u_brick_lo;
uniform vec3 u_brick_size;
uniform vec3 u_own_lo;
uniform vec3 u_own_hi;

bool
inside (vec3 voxel)
{
  return all (greaterThanEqual (voxel, vec3 (-0.5))) && all (lessThan (voxel, u_dims - 0.5));
}

bool
owned (vec3 voxel)
{
  return all (greaterThanEqual (voxel, u_own_lo - 0.5)) && all (lessThan (voxel, u_own_hi - 0.5));
}

uint
label_at (vec3 voxel)
{
  if (!inside (voxel))
    return 0u;
  // A neighbour beyond the brick's texels (zoomed far out at a seam) reads the nearest one.
  ivec3 texel = clamp (ivec3 (floor (voxel + 0.5 - u_brick_lo)), ivec3 (0),
                       ivec3 (u_brick_size) - 1);
  return texelFetch (u_labels, texel, 0).r;
}

#include "label-color.glsl"

void
main ()
{
  vec3 voxel = v_voxel;
  if (!inside (voxel) || !owned (voxel))
    discard;

  if (u_mode == 1)
    {
      uint id = label_at (voxel);
      if (id == 0u)
        discard;
      if (u_outline)
        {
          bool edge = label_at (voxel + u_pixel_x) != id || label_at (voxel - u_pixel_x) != id ||
                      label_at (voxel + u_pixel_y) != id || label_at (voxel - u_pixel_y) != id;
          if (!edge)
            discard;
        }
      vec4 c = label_color (id);
      if (c.a == 0.0)
        discard;
      frag_color = vec4 (c.rgb, c.a * u_opacity);
      return;
    }

  vec3 tex = (voxel - u_brick_lo + 0.5) / u_brick_size;
  if (u_mode == 2)
    {
      frag_color = vec4 (texture (u_volume, tex).rgb, u_opacity);
      return;
    }

  float v = texture (u_volume, tex).r * u_value_scale + u_value_offset;
  if (isnan (v) || abs (v) < u_threshold)
    discard;
  float t = u_max > u_min ? clamp ((v - u_min) / (u_max - u_min), 0.0, 1.0)
                          : (v >= u_max ? 1.0 : 0.0);
  vec3 rgb = texture (u_colormap, vec2 ((t * 255.0 + 0.5) / 256.0, 0.5)).rgb;
  frag_color = vec4 (rgb, u_opacity);
}
