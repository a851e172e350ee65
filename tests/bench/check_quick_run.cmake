# ctest: `tessera-bench --quick` runs to the end and its table names every figure of issue 7 with
# a measured value; the JSON it writes lists the same figures. How fast the figures are is not
# checked here (CI machines differ); docs/performance.md records the real ones.
#   cmake -DBENCH=<tessera-bench> -DJSON=<file> -P check_quick_run.cmake

execute_process(COMMAND "${BENCH}" --quick --json "${JSON}"
                RESULT_VARIABLE result OUTPUT_VARIABLE output ERROR_VARIABLE errors)
message("${output}")
if(NOT result EQUAL 0)
  message(FATAL_ERROR "tessera-bench --quick failed (exit ${result}):\n${errors}")
endif()

set(missing "")
foreach(name "import" "unlock" "theme analysis" "caseload overview" "search" "summary" "frame" "stall" "memory"
             "encryption ratio" "spell check")
  # A table row: "<name>: <words>   <number> <unit>   <target> ..."
  if(NOT output MATCHES "\n${name}: [^\n]* [0-9][0-9,.]* (ms|notes/s|MB|x) ")
    list(APPEND missing "${name}")
  endif()
endforeach()
if(output MATCHES "not run")
  list(APPEND missing "(a figure says 'not run')")
endif()
if(missing)
  message(FATAL_ERROR "tessera-bench --quick did not print these figures with a value: ${missing}")
endif()

file(READ "${JSON}" json)
string(JSON count LENGTH "${json}" figures)
if(count LESS 20)
  message(FATAL_ERROR "${JSON} lists ${count} figures; expected every figure of the table")
endif()
message(STATUS "every figure printed; ${count} figures in ${JSON}")
