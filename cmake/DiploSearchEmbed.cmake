# @brief Compiles an editable data file into a target as a std::string_view.
#
# diplosearch_embed_text(TARGET SYMBOL FILE): defines
#   `extern const std::string_view diplosearch::SYMBOL;` holding FILE's bytes.
# CMake reconfigures when FILE changes, so edits to the data need no code change.
set(DIPLOSEARCH_EMBED_TEMPLATE ${CMAKE_CURRENT_LIST_DIR}/embedded_text.cpp.in)

function(diplosearch_embed_text target symbol file)
    file(READ ${file} DIPLOSEARCH_EMBED_CONTENT)
    string(FIND "${DIPLOSEARCH_EMBED_CONTENT}" ")diplo_data\"" clash)
    if(NOT clash EQUAL -1)
        message(FATAL_ERROR "${file} contains the raw-string delimiter )diplo_data\"")
    endif()
    set(DIPLOSEARCH_EMBED_SYMBOL ${symbol})
    get_filename_component(name ${file} NAME)
    set(DIPLOSEARCH_EMBED_SOURCE_NAME ${name})
    set(out ${CMAKE_CURRENT_BINARY_DIR}/embedded_${symbol}.cpp)
    configure_file(${DIPLOSEARCH_EMBED_TEMPLATE} ${out} @ONLY)
    set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS ${file})
    target_sources(${target} PRIVATE ${out})
endfunction()
