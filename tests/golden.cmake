# Golden run of one scenario (invoked by ctest with -D VPNSIM=... -D SCENARIO=... -D ROOT=...):
# `vpnsim run SCENARIO --trace` must exit 0 (its own [expect] holds) and print exactly the
# committed <scenario>.trace.golden. Accept intended changes with tools/update_goldens.
string(REGEX REPLACE "\\.toml$" ".trace.golden" golden "${SCENARIO}")
execute_process(
  COMMAND "${VPNSIM}" run "${SCENARIO}" --trace
  WORKING_DIRECTORY "${ROOT}"
  RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "vpnsim run ${SCENARIO} exited ${rc}\n${err}\n${out}")
endif()
if(NOT EXISTS "${ROOT}/${golden}")
  message(FATAL_ERROR "missing ${golden}: run tools/update_goldens and review the result")
endif()
file(READ "${ROOT}/${golden}" expected)
if(NOT out STREQUAL expected)
  get_filename_component(name "${golden}" NAME)
  file(WRITE "${CMAKE_CURRENT_BINARY_DIR}/${name}.actual" "${out}")
  message(FATAL_ERROR "output differs from ${golden}\n"
          "  diff -u ${ROOT}/${golden} ${CMAKE_CURRENT_BINARY_DIR}/${name}.actual\n"
          "If the change is intended: tools/update_goldens")
endif()
