# Finds every third-party dependency once, so each layer links imported targets by name.
find_package(Qt6 6.4 REQUIRED COMPONENTS Core Network)
if(PETREL_BUILD_GUI)
    find_package(Qt6 6.4 REQUIRED COMPONENTS Gui Widgets)
endif()
find_package(Qt6 6.4 QUIET COMPONENTS LinguistTools)
if(PETREL_BUILD_TESTS)
    find_package(Qt6 6.4 REQUIRED COMPONENTS Test)
endif()

find_package(Qt6Keychain REQUIRED)
find_package(SQLite3 3.35 REQUIRED)
# Optional: the store hashes every message with OpenSSL's SHA-256 when it is here (several times
# faster than Qt 6.4's own); Qt's network TLS uses OpenSSL as well on Linux.
find_package(OpenSSL COMPONENTS Crypto)

find_package(PkgConfig REQUIRED)
pkg_check_modules(GMIME REQUIRED IMPORTED_TARGET gmime-3.0>=3.2)
