#version 330 core
// A headlight: diffuse shading from the viewer's direction, two-sided so medial walls and cut
// meshes stay lit, with a faint specular highlight to read the folds.
in vec3 v_normal;
in vec3 v_position;
in vec4 v_color;
out vec4 frag_color;

void
main ()
{
  vec3 n = normalize (v_normal);
  vec3 to_eye = normalize (-v_position);
  float diffuse = abs (dot (n, to_eye));
  float specular = pow (diffuse, 24.0) * 0.15;
  vec3 rgb = v_color.rgb * (0.30 + 0.70 * diffuse) + vec3 (specular);
  frag_color = vec4 (rgb, v_color.a);
}
