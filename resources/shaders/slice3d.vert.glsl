#version 330 core
// A slice plane placed in the 3D view: world corners in, voxel coordinates out for slice.frag.
layout (location = 0) in vec3 a_world;

uniform mat4 u_view_projection;
uniform mat4 u_world_to_voxel;
out vec3 v_voxel;

void
main ()
{
  v_voxel = (u_world_to_voxel * vec4 (a_world, 1.0)).xyz;
  gl_Position = u_view_projection * vec4 (a_world, 1.0);
}
