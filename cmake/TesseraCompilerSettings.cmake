# Compiler settings for Tessera's own targets. Outside code (SQLite) is built
# with its own flags in third_party/.

# Use ccache when it is installed: CI builds from a clean clone on the same
# machine, so the object cache is what keeps repeated runs fast.
# CCACHE_BASEDIR makes the paths relative, so that a clone in another folder (CI's) hits the
# objects of an earlier one; NOHASHDIR keeps the build folder out of the hash of -g builds.
find_program(TESSERA_CCACHE ccache)
if(TESSERA_CCACHE AND NOT CMAKE_CXX_COMPILER_LAUNCHER)
  set(_tessera_launcher "${CMAKE_COMMAND}" -E env "CCACHE_BASEDIR=${PROJECT_SOURCE_DIR}" CCACHE_NOHASHDIR=1
                        "${TESSERA_CCACHE}")
  set(CMAKE_C_COMPILER_LAUNCHER ${_tessera_launcher})
  set(CMAKE_CXX_COMPILER_LAUNCHER ${_tessera_launcher})
endif()

# Hardening for every target, outside code included (issue 14): the program holds the most
# private text a clinician writes, so a memory bug should be as hard to exploit as the toolchain
# allows. Position-independent executables, stack protector, stack-clash and control-flow
# protection, full RELRO with immediate binding, a non-executable stack; _FORTIFY_SOURCE where
# the code is optimised (glibc refuses it at -O0). tests: "build: ... is hardened" (readelf).
option(TESSERA_HARDEN "Build with hardening flags (stack protector, RELRO, PIE...)" ON)
if(TESSERA_HARDEN)
  include(CheckPIESupported)
  check_pie_supported()
  set(CMAKE_POSITION_INDEPENDENT_CODE ON)
  add_compile_options(-fstack-protector-strong -fstack-clash-protection -fcf-protection=full
                      "$<$<NOT:$<CONFIG:Debug>>:-D_FORTIFY_SOURCE=2>")
  add_link_options(-Wl,-z,relro -Wl,-z,now -Wl,-z,noexecstack)
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
  if(CMAKE_CXX_COMPILER_ID MATCHES "Clang")
    # A name the implementation reserves (_Upper, double__underscore): clang-tidy's
    # bugprone-reserved-identifier check is left out for its cost (.clang-tidy), the compiler
    # checks the same for free.
    target_compile_options(${target} PRIVATE -Wreserved-identifier)
  endif()
  if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU" AND CMAKE_CXX_COMPILER_VERSION VERSION_LESS 13)
    # GCC 12 reports impossible std::string copies inside libstdc++ at -O2/-O3 (GCC bug 105329,
    # -Wrestrict) and uninitialised reads inside <regex> under sanitizers (-Wmaybe-uninitialized):
    # both are false positives in library code, fixed in GCC 13.
    target_compile_options(${target} PRIVATE -Wno-restrict)
    if(TESSERA_SANITIZE)
      target_compile_options(${target} PRIVATE -Wno-maybe-uninitialized)
    endif()
  endif()
  if(TESSERA_SANITIZE)
    target_compile_options(${target} PRIVATE -fsanitize=${TESSERA_SANITIZE}
                                             -fno-omit-frame-pointer -fno-sanitize-recover=all)
    target_link_options(${target} PRIVATE -fsanitize=${TESSERA_SANITIZE})
    if(TESSERA_SANITIZE MATCHES "address")
      # One name for "built with AddressSanitizer" in our code: GCC defines __SANITIZE_ADDRESS__,
      # clang 14 only answers __has_feature(address_sanitizer).
      target_compile_definitions(${target} PRIVATE TESSERA_ADDRESS_SANITIZER=1)
    endif()
  endif()
endfunction()
