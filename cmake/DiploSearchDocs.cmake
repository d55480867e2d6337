# @brief `docs` target: the API reference from the public headers' comments, with Doxygen
# when it is installed (optional: nothing else needs it). Output in <build>/docs/html.
find_package(Doxygen QUIET)
if(DOXYGEN_FOUND)
    # docs/Doxyfile works by hand from the source root too; this adds what only the build
    # knows: where the output goes, the generated version.hpp and the version number.
    set(DIPLOSEARCH_DOXYFILE ${PROJECT_BINARY_DIR}/docs/Doxyfile)
    file(CONFIGURE OUTPUT ${DIPLOSEARCH_DOXYFILE} CONTENT [[
@INCLUDE = @PROJECT_SOURCE_DIR@/docs/Doxyfile
OUTPUT_DIRECTORY = @PROJECT_BINARY_DIR@/docs
INPUT += @PROJECT_BINARY_DIR@/include/diplosearch/version.hpp
STRIP_FROM_PATH = @PROJECT_SOURCE_DIR@/include @PROJECT_BINARY_DIR@/include
PROJECT_NUMBER = @PROJECT_VERSION@
]] @ONLY)
    add_custom_target(docs
        COMMAND Doxygen::doxygen ${DIPLOSEARCH_DOXYFILE}
        WORKING_DIRECTORY ${PROJECT_SOURCE_DIR}
        COMMENT "API reference in ${PROJECT_BINARY_DIR}/docs/html"
        VERBATIM)
endif()
