#version 330 core
// Lit per vertex (a headlight, two-sided, with a faint highlight to read the folds): software
// GL pays per fragment, and cortical meshes have more vertices than covered pixels.
layout (location = 0) in vec3 a_position;
layout (location = 1) in vec3 a_normal;
layout (location = 2) in vec4 a_color;

uniform mat4 u_view;
uniform mat4 u_projection;
uniform vec3 u_offset;      // hemisphere separation, mm

out vec4 v_color;

void
main ()
{
  vec4 eye = u_view * vec4 (a_position + u_offset, 1.0);
  vec3 n = normalize (mat3 (u_view) * a_normal);
  float diffuse = abs (dot (n, normalize (-eye.xyz)));
  float specular = pow (diffuse, 24.0) * 0.15;
  v_color = vec4 (a_color.rgb * (0.30 + 0.70 * diffuse) + vec3 (specular), a_color.a);
  gl_Position = u_projection * eye;
}
