/// @file
/// @brief Out-of-line parts of the public Document type.
#include "diplosearch/document.hpp"

#include "partial_date.hpp"

namespace diplosearch {

int Document::year() const {
    const auto parsed = PartialDate::parse(date);
    return parsed ? parsed->year : 0;
}

}  // namespace diplosearch
