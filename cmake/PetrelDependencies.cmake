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

find_package(PkgConfig REQUIRED)
pkg_check_modules(GMIME REQUIRED IMPORTED_TARGET gmime-3.0>=3.2)
