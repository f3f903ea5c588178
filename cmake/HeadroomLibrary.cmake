# One helper creates every Headroom library and executable the same way (namespaced alias, warnings,
# sanitizers), so a layer's CMakeLists only lists its sources and its dependencies.

function(headroom_apply_common_options target)
  target_compile_features(${target} PUBLIC cxx_std_20)
  if(CMAKE_CXX_COMPILER_ID MATCHES "GNU|Clang")
    target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic $<$<CXX_COMPILER_ID:GNU>:-Wshadow=local>
                                             -Wno-unused-parameter)
    if(HEADROOM_WARNINGS_AS_ERRORS)
      target_compile_options(${target} PRIVATE -Werror)
    endif()
    if(HEADROOM_SANITIZE)
      target_compile_options(${target} PUBLIC -fsanitize=address,undefined -fno-omit-frame-pointer)
      target_link_options(${target} PUBLIC -fsanitize=address,undefined)
    endif()
    if(HEADROOM_FUZZ)
      # Coverage for libFuzzer in every library; undefined behaviour aborts, so the fuzzer records it as a crash.
      target_compile_options(${target} PUBLIC -fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=undefined
                                              -fno-omit-frame-pointer)
      target_link_options(${target} PUBLIC -fsanitize=address,undefined)
    endif()
  endif()
endfunction()

# headroom_add_library(NAME SOURCES ... PUBLIC_DEPS ... PRIVATE_DEPS ...)
function(headroom_add_library name)
  cmake_parse_arguments(ARG "" "" "SOURCES;PUBLIC_DEPS;PRIVATE_DEPS" ${ARGN})
  add_library(headroom_${name} STATIC ${ARG_SOURCES})
  add_library(headroom::${name} ALIAS headroom_${name})
  target_include_directories(headroom_${name} PUBLIC ${PROJECT_SOURCE_DIR})
  target_link_libraries(headroom_${name} PUBLIC ${ARG_PUBLIC_DEPS} PRIVATE ${ARG_PRIVATE_DEPS})
  headroom_apply_common_options(headroom_${name})
endfunction()

# headroom_add_qt_test(NAME SOURCES ... DEPS ...): one Qt Test executable registered with CTest.
function(headroom_add_qt_test name)
  cmake_parse_arguments(ARG "" "" "SOURCES;DEPS;LABELS" ${ARGN})
  add_executable(${name} ${ARG_SOURCES})
  target_link_libraries(${name} PRIVATE Qt6::Test ${ARG_DEPS})
  headroom_apply_common_options(${name})
  set_target_properties(${name} PROPERTIES AUTOMOC ON)
  target_compile_definitions(${name} PRIVATE
    HEADROOM_SOURCE_DIR="${PROJECT_SOURCE_DIR}"
    HEADROOM_SHARED_DIR="${PROJECT_SOURCE_DIR}/../shared")
  add_test(NAME ${name} COMMAND ${name})
  set_tests_properties(${name} PROPERTIES ENVIRONMENT "QT_QPA_PLATFORM=offscreen")
  if(ARG_LABELS)
    set_tests_properties(${name} PROPERTIES LABELS "${ARG_LABELS}")
  endif()
endfunction()
