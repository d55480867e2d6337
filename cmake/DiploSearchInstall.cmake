# @brief libdiplosearch, the shared library other programs link, and what `cmake --install`
# puts under the prefix: public headers, the library, the binaries, the CMake package
# (find_package(diplosearch) -> diplosearch::diplosearch) and diplosearch.pc.
include(GNUInstallDirs)
include(CMakePackageConfigHelpers)

# Before 1.0 any minor release may change the ABI, so the soname and the package's
# compatibility follow MAJOR.MINOR; from 1.0 on, MAJOR alone (docs/library.md).
if(PROJECT_VERSION_MAJOR EQUAL 0)
    set(DIPLOSEARCH_ABI_VERSION ${PROJECT_VERSION_MAJOR}.${PROJECT_VERSION_MINOR})
    set(DIPLOSEARCH_COMPATIBILITY SameMinorVersion)
else()
    set(DIPLOSEARCH_ABI_VERSION ${PROJECT_VERSION_MAJOR})
    set(DIPLOSEARCH_COMPATIBILITY SameMajorVersion)
endif()

set(DIPLOSEARCH_PUBLIC_HEADERS
    ${PROJECT_SOURCE_DIR}/include/diplosearch/diplosearch.hpp
    ${PROJECT_SOURCE_DIR}/include/diplosearch/document.hpp
    ${PROJECT_SOURCE_DIR}/include/diplosearch/errors.hpp
    ${PROJECT_SOURCE_DIR}/include/diplosearch/export.hpp
    ${PROJECT_SOURCE_DIR}/include/diplosearch/indexer.hpp
    ${PROJECT_SOURCE_DIR}/include/diplosearch/searcher.hpp
    ${PROJECT_BINARY_DIR}/include/diplosearch/version.hpp)

# The static libraries whole, behind the public headers. Their code is compiled with hidden
# visibility and the version script exports the diplosearch namespace alone, so Xapian,
# spdlog, zstd, xxHash and Gumbo stay private dependencies a program never sees.
add_library(diplosearch SHARED ${PROJECT_SOURCE_DIR}/common/library_version.cpp)
add_library(diplosearch::diplosearch ALIAS diplosearch)
diplosearch_configure_target(diplosearch)
target_sources(diplosearch PUBLIC
    FILE_SET HEADERS
    BASE_DIRS ${PROJECT_SOURCE_DIR}/include ${PROJECT_BINARY_DIR}/include
    FILES ${DIPLOSEARCH_PUBLIC_HEADERS})
# CMake before 3.23 ignores exported file sets, and with them their include folder.
target_include_directories(diplosearch INTERFACE $<INSTALL_INTERFACE:${CMAKE_INSTALL_INCLUDEDIR}>)
set_target_properties(diplosearch PROPERTIES
    VERSION ${PROJECT_VERSION}
    SOVERSION ${DIPLOSEARCH_ABI_VERSION}
    CXX_VISIBILITY_PRESET hidden
    VISIBILITY_INLINES_HIDDEN ON
    # diplosearch_common comes in through the other two: whole as well, and once.
    LINK_LIBRARY_OVERRIDE_diplosearch_common WHOLE_ARCHIVE)
# The headers need C++17 only; the library itself is built as C++20.
set_property(TARGET diplosearch PROPERTY INTERFACE_COMPILE_FEATURES cxx_std_17)
target_link_libraries(diplosearch PRIVATE
    "$<LINK_LIBRARY:WHOLE_ARCHIVE,diplosearch_indexer,diplosearch_searcher>")
set(DIPLOSEARCH_VERSION_SCRIPT ${PROJECT_SOURCE_DIR}/cmake/libdiplosearch.map)
target_link_options(diplosearch PRIVATE "LINKER:--version-script=${DIPLOSEARCH_VERSION_SCRIPT}")
set_property(TARGET diplosearch APPEND PROPERTY LINK_DEPENDS ${DIPLOSEARCH_VERSION_SCRIPT})
if(NOT DIPLOSEARCH_SANITIZERS)  # The sanitizer runtimes leave symbols for the executable.
    target_link_options(diplosearch PRIVATE LINKER:--no-undefined)
endif()

install(TARGETS diplosearch EXPORT diplosearchTargets
    LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR}
        COMPONENT Runtime NAMELINK_COMPONENT Development
    FILE_SET HEADERS DESTINATION ${CMAKE_INSTALL_INCLUDEDIR} COMPONENT Development)
install(TARGETS diplo-index diplo-search
    RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR} COMPONENT Runtime)
if(TARGET diplo-serve)
    install(TARGETS diplo-serve RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR} COMPONENT Runtime)
endif()

set(DIPLOSEARCH_CMAKE_DIR ${CMAKE_INSTALL_LIBDIR}/cmake/diplosearch)
install(EXPORT diplosearchTargets
    NAMESPACE diplosearch::
    DESTINATION ${DIPLOSEARCH_CMAKE_DIR}
    COMPONENT Development)
configure_package_config_file(${PROJECT_SOURCE_DIR}/cmake/diplosearchConfig.cmake.in
    ${PROJECT_BINARY_DIR}/diplosearchConfig.cmake
    INSTALL_DESTINATION ${DIPLOSEARCH_CMAKE_DIR})
write_basic_package_version_file(${PROJECT_BINARY_DIR}/diplosearchConfigVersion.cmake
    COMPATIBILITY ${DIPLOSEARCH_COMPATIBILITY})
install(FILES ${PROJECT_BINARY_DIR}/diplosearchConfig.cmake
              ${PROJECT_BINARY_DIR}/diplosearchConfigVersion.cmake
    DESTINATION ${DIPLOSEARCH_CMAKE_DIR}
    COMPONENT Development)

# diplosearch.pc finds its prefix from its own place (${pcfiledir}), so the package stays
# right when installed with `cmake --install --prefix` somewhere other than configured.
function(diplosearch_pc_path out dir)
    if(IS_ABSOLUTE "${dir}")
        set(${out} "${dir}" PARENT_SCOPE)
    else()
        set(${out} "\${prefix}/${dir}" PARENT_SCOPE)
    endif()
endfunction()
file(RELATIVE_PATH DIPLOSEARCH_PC_TO_PREFIX
     "/prefix/${CMAKE_INSTALL_LIBDIR}/pkgconfig" "/prefix")
string(REGEX REPLACE "/$" "" DIPLOSEARCH_PC_TO_PREFIX "${DIPLOSEARCH_PC_TO_PREFIX}")
diplosearch_pc_path(DIPLOSEARCH_PC_LIBDIR "${CMAKE_INSTALL_LIBDIR}")
diplosearch_pc_path(DIPLOSEARCH_PC_INCLUDEDIR "${CMAKE_INSTALL_INCLUDEDIR}")
configure_file(${PROJECT_SOURCE_DIR}/cmake/diplosearch.pc.in
               ${PROJECT_BINARY_DIR}/diplosearch.pc @ONLY)
install(FILES ${PROJECT_BINARY_DIR}/diplosearch.pc
    DESTINATION ${CMAKE_INSTALL_LIBDIR}/pkgconfig
    COMPONENT Development)
