# Writes OUT, a C++ file defining `const char* const NAME` with the text of IN
# (hastec's stdlib .hx files compiled into the driver). Used by driver/CMakeLists.txt.
file(READ "${IN}" content)
file(WRITE "${OUT}" "// Generated from ${IN} by cmake/embed.cmake. Do not edit.\nnamespace hx {\nextern const char* const ${NAME};\nconst char* const ${NAME} = R\"hxstdlib(${content})hxstdlib\";\n}  // namespace hx\n")
