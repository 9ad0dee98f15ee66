# Included into the project by scripts/sanitize.sh (CMAKE_PROJECT_INCLUDE). The sanitizer builds
# compile the library (where the tests spend their time) and the fuzz targets at -O1, and
# everything else (alam's own sources, the test executables, build tools) at -O0: with the
# sanitizers' instrumentation that code takes two to three times longer to compile at -O1, for
# little gain at run time. The library's files off the tagging path (lib/CMakeLists.txt,
# ALAM_COLD_SOURCES_AT_O0) are at -O0 too.
set(ALAM_COLD_SOURCES_AT_O0 ON)
add_compile_options("$<$<BOOL:$<FILTER:$<TARGET_PROPERTY:NAME>,EXCLUDE,^alam(_fuzz_.*)?$>>:-O0>")
