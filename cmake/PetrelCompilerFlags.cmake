# Project-wide compile settings. Third-party headers arrive through imported targets, which CMake
# treats as SYSTEM include directories, so -Werror applies to Petrel's own code only.
add_compile_definitions(
    QT_NO_KEYWORDS                # glib (GMime) has a struct member named 'signals'
    QT_NO_CAST_FROM_ASCII
    QT_NO_CAST_TO_ASCII
    QT_NO_URL_CAST_FROM_STRING
    QT_USE_QSTRINGBUILDER
    QT_DISABLE_DEPRECATED_BEFORE=0x060400
)

if(CMAKE_CXX_COMPILER_ID MATCHES "GNU|Clang")
    add_compile_options(-Wall -Wextra -Werror -Wpedantic -Wno-gnu-zero-variadic-macro-arguments)
    if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
        add_compile_options(-Wno-pedantic)   # Qt's moc output is not pedantic-clean on GCC 12
    endif()
elseif(MSVC)
    add_compile_options(/W4 /WX /permissive- /utf-8)
endif()

set(PETREL_SANITIZE "" CACHE STRING "Sanitizers to build with, e.g. 'address,undefined'")
if(PETREL_SANITIZE)
    add_compile_options(-fsanitize=${PETREL_SANITIZE} -fno-omit-frame-pointer -fno-sanitize-recover=undefined)
    add_link_options(-fsanitize=${PETREL_SANITIZE})
endif()

# A compiler cache when one is installed: rebuilds in fresh clones (CI) reuse earlier objects.
# base_dir makes its keys relative to the source tree, so two clones share entries.
option(PETREL_USE_CCACHE "Compile through ccache when it is installed" ON)
find_program(PETREL_CCACHE ccache)
if(PETREL_USE_CCACHE AND PETREL_CCACHE AND NOT CMAKE_CXX_COMPILER_LAUNCHER)
    set(CMAKE_CXX_COMPILER_LAUNCHER "${CMAKE_COMMAND}" -E env "CCACHE_BASEDIR=${PROJECT_SOURCE_DIR}"
        "CCACHE_NOHASHDIR=1" "${PETREL_CCACHE}")
endif()
