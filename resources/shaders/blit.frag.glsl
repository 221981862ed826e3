#version 330 core
in vec2 v_uv;
out vec4 frag_color;
uniform sampler2D u_image;
uniform vec2 u_uv_scale;  // the used part of the (possibly larger) texture

void
main ()
{
  frag_color = texture (u_image, v_uv * u_uv_scale);
}
