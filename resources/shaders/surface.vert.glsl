#version 330 core
layout (location = 0) in vec3 a_position;
layout (location = 1) in vec3 a_normal;
layout (location = 2) in vec4 a_color;

uniform mat4 u_view;
uniform mat4 u_projection;
uniform vec3 u_offset;      // hemisphere separation, mm

out vec3 v_normal;          // eye space
out vec3 v_position;        // eye space
out vec4 v_color;

void
main ()
{
  vec4 eye = u_view * vec4 (a_position + u_offset, 1.0);
  v_position = eye.xyz;
  v_normal = mat3 (u_view) * a_normal;
  v_color = a_color;
  gl_Position = u_projection * eye;
}
