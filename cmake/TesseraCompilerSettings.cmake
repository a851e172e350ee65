# Compiler settings for Tessera's own targets. Outside code (SQLite) is built
# with its own flags in third_party/.

# Use ccache when it is installed: CI builds from a clean clone on the same
# machine, so the object cache is what keeps repeated runs fast.
find_program(TESSERA_CCACHE ccache)
if(TESSERA_CCACHE AND NOT CMAKE_CXX_COMPILER_LAUNCHER)
  set(CMAKE_C_COMPILER_LAUNCHER "${TESSERA_CCACHE}")
  set(CMAKE_CXX_COMPILER_LAUNCHER "${TESSERA_CCACHE}")
endif()

set(TESSERA_SANITIZE "" CACHE STRING "Sanitizers for Tessera's code, e.g. address,undefined")

# tessera_apply_settings(target): warnings as errors, sanitizers.
function(tessera_apply_settings target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Wshadow
                                           -Wnon-virtual-dtor -Wold-style-cast
                                           -Wconversion -Wsign-conversion)
  if(TESSERA_WERROR)
    target_compile_options(${target} PRIVATE -Werror)
  endif()
  if(TESSERA_SANITIZE)
    target_compile_options(${target} PRIVATE -fsanitize=${TESSERA_SANITIZE}
                                             -fno-omit-frame-pointer -fno-sanitize-recover=all)
    target_link_options(${target} PRIVATE -fsanitize=${TESSERA_SANITIZE})
  endif()
endfunction()
