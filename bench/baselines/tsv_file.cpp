/// @file
/// @brief TSV reading for the benchmark tools.
#include "tsv_file.hpp"

#include <fstream>
#include <sstream>
#include <stdexcept>

namespace diplosearch::bench {

std::vector<std::string> split_tabs(const std::string& line) {
    std::vector<std::string> fields;
    std::string field;
    std::istringstream in(line);
    while (std::getline(in, field, '\t')) fields.push_back(field);
    return fields;
}

std::vector<std::vector<std::string>> read_tsv(const std::string& path,
                                               std::string_view header_first) {
    std::ifstream in(path);
    if (!in) throw std::runtime_error("cannot open " + path);
    std::vector<std::vector<std::string>> rows;
    std::string line;
    while (std::getline(in, line)) {
        if (line.empty() || line[0] == '#') continue;
        auto fields = split_tabs(line);
        if (!header_first.empty() && !fields.empty() && fields[0] == header_first) continue;
        rows.push_back(std::move(fields));
    }
    return rows;
}

}  // namespace diplosearch::bench
