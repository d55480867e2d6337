/// @file
/// @brief Documents from e-mail messages (RFC 822 / MIME `.eml` files), parsed with GMime.
#pragma once

#include <string_view>

#include "diplosearch/document.hpp"

namespace diplosearch::indexer {

/// Builds a raw Document from one e-mail message: `Subject` as the title, `Date` as
/// the date (the sender's day), `From` as the sender and `To` then `Cc` as the
/// recipients (each `Name <address>`, encoded words decoded), and as text the message's
/// inline `text/plain` parts, or its `text/html` parts through the HTML reader when it
/// has no plain text; transfer encodings and charsets are decoded to UTF-8.
/// Attachments and forwarded messages inside it are not read.
/// @throws ParseError when the bytes are not an e-mail message (no header at all).
/// @throws std::invalid_argument when the text is larger than one document may be.
Document document_from_email(std::string_view bytes);

}  // namespace diplosearch::indexer
