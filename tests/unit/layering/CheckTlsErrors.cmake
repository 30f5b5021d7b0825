# Fails when code can switch certificate verification off wholesale: an argument-less
# ignoreSslErrors() (ignores whatever goes wrong, for any certificate) or a peer verify mode other
# than VerifyPeer. The one allowed exception, ignoring the errors of a pinned certificate, passes
# the error list explicitly (protocols/net/Connection.cpp).
# Run as: cmake -DSOURCE_DIR=... -P CheckTlsErrors.cmake
if(NOT SOURCE_DIR)
    message(FATAL_ERROR "SOURCE_DIR not set")
endif()

set(violations "")
set(checked 0)
foreach(dir protocols core ui app)
    file(GLOB_RECURSE files "${SOURCE_DIR}/${dir}/*.h" "${SOURCE_DIR}/${dir}/*.cpp" "${SOURCE_DIR}/${dir}/*.mm")
    foreach(f IN LISTS files)
        math(EXPR checked "${checked} + 1")
        file(READ "${f}" text)
        file(RELATIVE_PATH rel "${SOURCE_DIR}" "${f}")
        # Whitespace and line breaks inside the parentheses do not hide it.
        if(text MATCHES "ignoreSslErrors[ \t\r\n]*\\([ \t\r\n]*\\)")
            list(APPEND violations "${rel}: ignoreSslErrors() without an error list")
        endif()
        if(text MATCHES "(VerifyNone|QueryPeer|AutoVerifyPeer)")
            list(APPEND violations "${rel}: peer verification weakened (${CMAKE_MATCH_1})")
        endif()
    endforeach()
endforeach()

if(checked EQUAL 0)
    message(FATAL_ERROR "no source files found under ${SOURCE_DIR}")
endif()
if(violations)
    string(REPLACE ";" "\n  " text "${violations}")
    message(FATAL_ERROR "TLS verification switched off:\n  ${text}")
endif()
message(STATUS "tls guard: ${checked} files checked, no violations")
