#version 330 core
// Ray casting through a volume in voxel space.  The affine is linear, so a world ray is a ray in
// voxel coordinates too; it is clipped to the grid (and to the clip plane) and marched with a
// step in voxels: coarse while the camera moves, fine when it stops.  Compiled with LABELS it
// casts a label volume instead: the first voxel of a shown instance is hit, in its colour,
// shaded by the instance's surface.
in vec2 v_ndc;
out vec4 frag_color;

uniform mat4 u_inverse_view_projection;  // NDC → world
uniform mat4 u_world_to_voxel;
uniform mat4 u_voxel_to_world;
uniform vec3 u_dims;
// The volume's values as they are, in one texture or (compiled with BRICKS 8, for volumes larger
// than the GL allows) up to 8 bricks: each brick's first texel's voxel and size, and the voxels
// it owns.  Two programs, as llvmpipe pays for a branch to the bricks even when not taken.
#ifndef BRICKS
#define BRICKS 1
#endif
#ifdef LABELS
uniform usampler3D u_bricks[BRICKS];
uniform sampler2D u_label_colors; // 256 × u_label_rows, id = row * 256 + column; alpha 0: hidden
uniform int u_label_rows;
#else
uniform sampler3D u_bricks[BRICKS];
#endif
uniform int u_n_bricks;
uniform vec3 u_brick_lo[8];
uniform vec3 u_brick_size[8];
uniform vec3 u_own_lo[8];
uniform vec3 u_own_hi[8];
uniform float u_value_scale;    // texel → value
uniform float u_value_offset;
uniform float u_min;            // the display range: u_min → 0 …
uniform float u_range_scale;    // … and 1 / (max − min) (a huge number when max = min)
uniform sampler2D u_colormap;
uniform int u_mode;             // 0 MIP, 1 composite, 2 isosurface
uniform float u_step;           // voxels
uniform float u_iso;            // 0…1
uniform vec4 u_clip;            // world plane: keep dot (xyz, p) <= w; xyz = 0 disables
uniform vec3 u_eye;             // world
uniform mat4 u_view_projection; // world → clip, for the depth of isosurface hits

vec3
to_voxel (vec3 world)
{
  return (u_world_to_voxel * vec4 (world, 1.0)).xyz;
}

// Whether the clip plane cuts a voxel position away.
bool
clipped (vec3 voxel)
{
  return dot (u_clip.xyz, u_clip.xyz) > 0.0 &&
         dot (u_clip.xyz, (u_voxel_to_world * vec4 (voxel, 1.0)).xyz) > u_clip.w;
}

#if BRICKS > 1 && !defined(LABELS)
float
texel (int b, vec3 voxel)
{
  vec3 tex = (voxel - u_brick_lo[b] + 0.5) / u_brick_size[b];
  // Samplers are indexed by constants only in GLSL 3.30.
  if (b == 0) return texture (u_bricks[0], tex).r;
  if (b == 1) return texture (u_bricks[1], tex).r;
  if (b == 2) return texture (u_bricks[2], tex).r;
  if (b == 3) return texture (u_bricks[3], tex).r;
  if (b == 4) return texture (u_bricks[4], tex).r;
  if (b == 5) return texture (u_bricks[5], tex).r;
  if (b == 6) return texture (u_bricks[6], tex).r;
  return texture (u_bricks[7], tex).r;
}
#endif

#if BRICKS > 1

// The brick that owns a voxel position.
int
brick_of (vec3 voxel)
{
  vec3 v = clamp (voxel, vec3 (0.0), u_dims - 1.0);
  for (int i = 1; i < u_n_bricks; i++)
    if (all (greaterThanEqual (v, u_own_lo[i] - 0.5)) && all (lessThan (v, u_own_hi[i] - 0.5)))
      return i;
  return 0;
}
#endif

#ifdef LABELS
// The id at a voxel position (nearest voxel; 0 outside the grid).
uint
label_at (vec3 voxel)
{
  if (any (lessThan (voxel, vec3 (-0.5))) || any (greaterThanEqual (voxel, u_dims - 0.5)))
    return 0u;
#if BRICKS > 1
  int b = brick_of (voxel);
#else
  int b = 0;
#endif
  ivec3 p = clamp (ivec3 (floor (voxel + 0.5 - u_brick_lo[b])), ivec3 (0),
                   ivec3 (u_brick_size[b]) - 1);
#if BRICKS > 1
  if (b == 1) return texelFetch (u_bricks[1], p, 0).r;
  if (b == 2) return texelFetch (u_bricks[2], p, 0).r;
  if (b == 3) return texelFetch (u_bricks[3], p, 0).r;
  if (b == 4) return texelFetch (u_bricks[4], p, 0).r;
  if (b == 5) return texelFetch (u_bricks[5], p, 0).r;
  if (b == 6) return texelFetch (u_bricks[6], p, 0).r;
  if (b == 7) return texelFetch (u_bricks[7], p, 0).r;
#endif
  return texelFetch (u_bricks[0], p, 0).r;
}

#include "label-color.glsl"
#else
// The value at a voxel position.
float
value_at (vec3 voxel)
{
#if BRICKS > 1
  float raw = texel (brick_of (voxel), voxel);
#else
  float raw = texture (u_bricks[0], (voxel + 0.5) / u_dims).r;
#endif
  return raw * u_value_scale + u_value_offset;
}

// A value through the display range to 0…1 (NaN: 0).
float
to_display (float value)
{
  if (isnan (value))
    return 0.0;
  return clamp ((value - u_min) * u_range_scale, 0.0, 1.0);
}

float
sample_at (vec3 voxel)
{
  return to_display (value_at (voxel));
}

vec3
colormap (float t)
{
  return texture (u_colormap, vec2 ((clamp (t, 0.0, 1.0) * 255.0 + 0.5) / 256.0, 0.5)).rgb;
}

#endif

void
main ()
{
  vec4 near = u_inverse_view_projection * vec4 (v_ndc, -1.0, 1.0);
  vec4 far = u_inverse_view_projection * vec4 (v_ndc, 1.0, 1.0);
  vec3 origin = to_voxel (near.xyz / near.w);
  vec3 target = to_voxel (far.xyz / far.w);
  vec3 dir = target - origin;
  float total = length (dir);
  dir /= total;

  // Slab test against the grid [-0.5, dims - 0.5].
  vec3 inv = 1.0 / dir;
  vec3 t0 = (vec3 (-0.5) - origin) * inv, t1 = (u_dims - 0.5 - origin) * inv;
  vec3 tmin = min (t0, t1), tmax = max (t0, t1);
  float enter = max (max (tmin.x, tmin.y), max (tmin.z, 0.0));
  float leave = min (min (tmax.x, tmax.y), min (tmax.z, total));
  if (enter >= leave)
    discard;

#ifdef LABELS
  for (float t = enter; t < leave; t += u_step)
    {
      vec3 voxel = origin + t * dir;
      if (clipped (voxel))
        continue;
      uint id = label_at (voxel);
      if (id == 0u)
        continue;
      vec4 c = label_color (id);
      if (c.a == 0.0)
        continue;
      // The instance's surface normal from which of the 26 neighbours belong to it (the
      // occupancy's gradient over the whole neighbourhood: smoother than the 6 faces alone).
      vec3 g = vec3 (0.0);
      for (int dz = -1; dz <= 1; dz++)
        for (int dy = -1; dy <= 1; dy++)
          for (int dx = -1; dx <= 1; dx++)
            {
              vec3 o = vec3 (dx, dy, dz);
              if (label_at (voxel + o) == id)
                g += o;
            }
      vec3 world = (u_voxel_to_world * vec4 (voxel, 1.0)).xyz;
      vec3 view = normalize (u_eye - world);
      vec3 n = dot (g, g) > 0.0 ? normalize (mat3 (transpose (u_world_to_voxel)) * -g) : view;
      vec4 clip = u_view_projection * vec4 (world, 1.0);
      gl_FragDepth = clamp (clip.z / clip.w * 0.5 + 0.5, 0.0, 1.0);
      frag_color = vec4 (c.rgb * (0.35 + 0.65 * abs (dot (n, view))), 1.0);
      return;
    }
  discard;
#else
  float best = 0.0;
  vec4 acc = vec4 (0.0);
  bool hit = false;
  vec3 hit_voxel = vec3 (0.0);
  for (float t = enter; t < leave; t += u_step)
    {
      vec3 voxel = origin + t * dir;
      if (clipped (voxel))
        continue;
      float v = sample_at (voxel);
      if (u_mode == 0)
        best = max (best, v);
      else if (u_mode == 1)
        {
          // Opacity from the value, corrected for the step so it does not depend on it.
          float alpha = 1.0 - pow (1.0 - clamp (v, 0.0, 1.0) * 0.08, u_step);
          acc.rgb += (1.0 - acc.a) * alpha * colormap (v);
          acc.a += (1.0 - acc.a) * alpha;
          if (acc.a > 0.97)
            break;  // early ray termination
        }
      else if (v >= u_iso)
        {
          hit = true;
          hit_voxel = voxel;
          break;
        }
    }

  // MIP and composite have no surface to put in the depth buffer: they lie behind everything,
  // so surfaces drawn afterwards show in front; an isosurface hit has its true depth.
  gl_FragDepth = 1.0;
  if (u_mode == 0)
    {
      if (best <= 0.0)
        discard;
      frag_color = vec4 (colormap (best), 1.0);
    }
  else if (u_mode == 1)
    {
      if (acc.a <= 0.0)
        discard;
      frag_color = vec4 (acc.rgb / max (acc.a, 1e-4) * acc.a + (1.0 - acc.a) * vec3 (0.0), 1.0);
    }
  else
    {
      if (!hit)
        discard;
      vec3 g = vec3 (sample_at (hit_voxel + vec3 (1, 0, 0)) - sample_at (hit_voxel - vec3 (1, 0, 0)),
                     sample_at (hit_voxel + vec3 (0, 1, 0)) - sample_at (hit_voxel - vec3 (0, 1, 0)),
                     sample_at (hit_voxel + vec3 (0, 0, 1)) - sample_at (hit_voxel - vec3 (0, 0, 1)));
      vec3 n = normalize (mat3 (transpose (u_world_to_voxel)) * -g + vec3 (1e-6));
      vec3 world = (u_voxel_to_world * vec4 (hit_voxel, 1.0)).xyz;
      vec4 clip = u_view_projection * vec4 (world, 1.0);
      gl_FragDepth = clamp (clip.z / clip.w * 0.5 + 0.5, 0.0, 1.0);
      float diffuse = abs (dot (n, normalize (u_eye - world)));
      frag_color = vec4 (vec3 (0.85) * (0.25 + 0.75 * diffuse), 1.0);
    }
#endif
}
