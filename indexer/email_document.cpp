/// @file
/// @brief E-mail through GMime 3: headers to fields, MIME body parts to text.
#include "email_document.hpp"

#include <gmime/gmime.h>

#include <memory>
#include <mutex>
#include <stdexcept>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "byte_stream.hpp"
#include "html_document.hpp"
#include "parse_error.hpp"
#include "text.hpp"

namespace diplosearch::indexer {

namespace {

// GObject handles released with g_object_unref, strings GLib allocated with g_free.
struct ObjectUnref {
    void operator()(void* object) const { g_object_unref(object); }
};
template <typename T>
using GObjectPtr = std::unique_ptr<T, ObjectUnref>;

struct GFree {
    void operator()(char* s) const { g_free(s); }
};
using GString = std::unique_ptr<char, GFree>;

std::string owned_string(char* s) {
    const GString owner(s);
    return owner ? std::string(owner.get()) : std::string();
}

void initialise_gmime() {
    static std::once_flag once;
    std::call_once(once, [] { g_mime_init(); });
}

// Groups (`Press: a@x, b@y;`) hold mailboxes; RFC 5322 forbids nesting them, but a
// hostile header may, so depth is bounded.
void add_addresses(InternetAddressList* list, std::vector<std::string>& out, int depth = 0) {
    if (!list || depth > 2) return;
    const int count = internet_address_list_length(list);
    for (int i = 0; i < count; ++i) {
        InternetAddress* address = internet_address_list_get_address(list, i);
        if (INTERNET_ADDRESS_IS_GROUP(address)) {
            add_addresses(internet_address_group_get_members(INTERNET_ADDRESS_GROUP(address)), out,
                          depth + 1);
            continue;
        }
        if (!INTERNET_ADDRESS_IS_MAILBOX(address)) continue;
        const char* name = internet_address_get_name(address);
        const char* mailbox = internet_address_mailbox_get_addr(INTERNET_ADDRESS_MAILBOX(address));
        const std::string addr = mailbox ? text::collapse_whitespace(mailbox) : std::string();
        const std::string display = name ? text::collapse_whitespace(name) : std::string();
        if (addr.empty() && display.empty()) continue;
        if (display.empty() || display == addr) {
            out.push_back(addr);
        } else {
            out.push_back(addr.empty() ? display : fmt::format("{} <{}>", display, addr));
        }
    }
}

// The readable parts of a message: inline text/plain parts, and text/html ones kept
// apart for a message without plain text. Walked without recursion (a hostile message
// may nest multiparts deeply).
struct BodyParts {
    std::vector<GMimeTextPart*> plain;
    std::vector<GMimeTextPart*> html;
};

BodyParts body_parts(GMimeObject* root) {
    BodyParts parts;
    std::vector<GMimeObject*> pending{root};
    while (!pending.empty()) {
        GMimeObject* object = pending.back();
        pending.pop_back();
        if (!object) continue;
        if (GMIME_IS_MULTIPART(object)) {
            GMimeMultipart* multipart = GMIME_MULTIPART(object);
            // Reversed onto the stack so parts are taken in message order.
            for (int i = g_mime_multipart_get_count(multipart); i-- > 0;) {
                pending.push_back(g_mime_multipart_get_part(multipart, i));
            }
            continue;
        }
        if (!GMIME_IS_TEXT_PART(object) || g_mime_part_is_attachment(GMIME_PART(object))) continue;
        GMimeContentType* type = g_mime_object_get_content_type(object);
        if (g_mime_content_type_is_type(type, "text", "plain")) {
            parts.plain.push_back(GMIME_TEXT_PART(object));
        } else if (g_mime_content_type_is_type(type, "text", "html")) {
            parts.html.push_back(GMIME_TEXT_PART(object));
        }
    }
    return parts;
}

std::string body_text(GMimeMessage* message) {
    const BodyParts parts = body_parts(g_mime_message_get_mime_part(message));
    const bool plain = !parts.plain.empty();
    std::string out;
    for (GMimeTextPart* part : plain ? parts.plain : parts.html) {
        // Transfer encoding undone and the part's charset converted to UTF-8.
        std::string part_text = owned_string(g_mime_text_part_get_text(part));
        if (!plain) part_text = document_from_html(part_text).text;
        if (text::trim(part_text).empty()) continue;
        if (!out.empty()) out += "\n\n";
        out += part_text;
        if (out.size() > kMaxDocumentBytes) {
            throw std::invalid_argument(
                fmt::format("message text larger than {} MiB, the limit for one document",
                            kMaxDocumentBytes >> 20));
        }
    }
    return out;
}

}  // namespace

Document document_from_email(std::string_view bytes) {
    initialise_gmime();
    const GObjectPtr<GMimeStream> stream(
        g_mime_stream_mem_new_with_buffer(bytes.data(), bytes.size()));
    const GObjectPtr<GMimeParser> parser(g_mime_parser_new_with_stream(stream.get()));
    const GObjectPtr<GMimeMessage> message(g_mime_parser_construct_message(parser.get(), nullptr));
    if (!message || !g_mime_object_get_header_list(GMIME_OBJECT(message.get())) ||
        g_mime_header_list_get_count(g_mime_object_get_header_list(GMIME_OBJECT(message.get()))) ==
            0) {
        throw ParseError(0, "not an e-mail message: no headers");
    }

    Document doc;
    if (const char* subject = g_mime_message_get_subject(message.get())) doc.title = subject;
    if (GDateTime* date = g_mime_message_get_date(message.get())) {
        doc.date = owned_string(g_date_time_format(date, "%Y-%m-%d"));
    }
    std::vector<std::string> senders;
    add_addresses(g_mime_message_get_from(message.get()), senders);
    if (!senders.empty()) doc.sender = senders.front();
    add_addresses(g_mime_message_get_to(message.get()), doc.recipients);
    add_addresses(g_mime_message_get_cc(message.get()), doc.recipients);
    doc.text = body_text(message.get());
    return doc;
}

}  // namespace diplosearch::indexer
