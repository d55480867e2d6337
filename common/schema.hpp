/// @file
/// @brief The one table of fields, term prefixes and value slots that the
/// indexer and the searcher are both configured from.
#pragma once

#include <xapian.h>

#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace diplosearch::schema {

/// Bumped whenever terms, values or document data change meaning.
inline constexpr std::string_view kVersion = "6";
/// Metadata key holding kVersion in every database.
inline constexpr std::string_view kVersionKey = "diplosearch.schema_version";

/// Value slots. Multi-valued slots hold a value_list encoding.
enum class ValueSlot : Xapian::valueno {
    kDate = 0,         ///< `YYYYMMDD` (unknown month/day as `00`): sorts as a string.
    kYear = 1,         ///< Xapian::sortable_serialise(year).
    kCountries = 2,    ///< value_list of alpha-3 codes.
    kTopics = 3,       ///< value_list of topic slugs.
    kType = 4,         ///< Type slug.
    kLang = 5,         ///< Language code.
    kMentions = 6,     ///< value_list of alpha-3 codes of every mentioned country.
    kContentHash = 7,  ///< Hash of the source document and the extraction rules (16 hex digits).
    /// Near-duplicate cluster key (16 hex digits), the same for every copy of a
    /// text; the searcher collapses on it. Empty for documents without text.
    kDuplicateCluster = 8,
    /// The document's stored fields as one line of JSON (common/stored_document.hpp).
    kMetadata = 9,
    /// kDate, or `\xff` for an undated document, so that ascending date order
    /// (a plain value sort, which Xapian's remote backend can run) lists
    /// undated documents last.
    kDateLast = 10,
};

constexpr Xapian::valueno slot(ValueSlot s) {
    return static_cast<Xapian::valueno>(s);
}

/// How a field's text becomes terms.
enum class FieldKind {
    kFreeText,  ///< Stemmed words with positions, searchable with `name:`.
    kBoolean,   ///< One exact term per value, used to filter.
    kStored,    ///< Kept in document data only.
};

/// How a field's value is turned into a filter term at query time.
enum class ValueNormaliser {
    kNone,      ///< Free text: the query parser handles it.
    kExact,     ///< Used as given (id).
    kLower,     ///< Lower-cased as is (url).
    kSlug,      ///< Slugified (topic, type, source).
    kCountry,   ///< Gazetteer lookup to alpha-3.
    kYear,      ///< A year or `A..B` range.
    kDate,      ///< A date or `A..B` range.
    kSymbol,    ///< A document symbol, as document_symbol_key() spells it (symbol).
    kLanguage,  ///< An ISO 639-1 code, from a code, tag or name (`fr-CA`, `French`) (lang).
};

struct FieldSpec {
    std::string_view name;    ///< Name in documents and in query syntax (`title:`).
    std::string_view prefix;  ///< Xapian term prefix (Omega conventions where they fit).
    FieldKind kind;
    /// Within-document frequency added per word for free text indexed without
    /// prefix, so that plain queries find it; 0 means prefixed only.
    Xapian::termcount unprefixed_weight;
    std::optional<ValueSlot> slot;
    ValueNormaliser normaliser;
    /// A second name the query syntax accepts (`from:` for `sender:`); empty for none.
    std::string_view query_alias = {};
};

/// Every field, in one table.
std::span<const FieldSpec> fields();

/// The field called @p name, or nullptr.
const FieldSpec* find_field(std::string_view name);

/// The term for boolean field @p prefix and a value already normalised
/// (lower-case, so no `:` separator is ever needed after `X` prefixes).
std::string boolean_term(std::string_view prefix, std::string_view value);

/// Longest term Xapian accepts, with room for the prefix.
inline constexpr std::size_t kMaxTermBytes = 240;

/// Bytes of body text kept in document data for snippets.
inline constexpr std::size_t kStoredTextBytes = 64 * 1024;

/// Term prefixes, named for readability at call sites; the table is the source of truth.
namespace prefix {
inline constexpr std::string_view kId = "Q";
inline constexpr std::string_view kTitle = "S";
inline constexpr std::string_view kSpeaker = "A";
inline constexpr std::string_view kCountry = "XC";
inline constexpr std::string_view kMentions = "XM";
inline constexpr std::string_view kTopic = "XT";
inline constexpr std::string_view kType = "XK";
inline constexpr std::string_view kSource = "XS";
inline constexpr std::string_view kLang = "L";
inline constexpr std::string_view kYear = "Y";
inline constexpr std::string_view kMonth = "M";
inline constexpr std::string_view kDate = "D";
inline constexpr std::string_view kUrl = "U";
inline constexpr std::string_view kSymbol = "XY";
/// E-mail sender and recipients (notmuch's `XFROM`/`XTO` would overlap `XF` and `XT`:
/// a scan of one prefix must never meet another's terms).
inline constexpr std::string_view kSender = "XA";
inline constexpr std::string_view kRecipient = "XR";
/// The source file a document was read from (its stable name), for --prune.
/// Not a query field: only the indexer uses it.
inline constexpr std::string_view kOrigin = "XF";
/// One MinHash band of the text (band number in hex, then 16 hex digits), for
/// finding near-duplicates at index time. Not a query field.
inline constexpr std::string_view kDuplicateBand = "XD";
}  // namespace prefix

/// The term naming source file @p origin_key; long names are cut and end in a
/// hash, keeping the leading folders so prefix scans by folder still work.
std::string origin_term(std::string_view origin_key);

/// Metadata keys (besides kVersionKey).
namespace metadata {
/// JSON of the last committed batch: job, batch number, documents, doccount.
inline constexpr std::string_view kCheckpoint = "diplosearch.checkpoint";
/// Prefix of one key per source file, holding its size/mtime stamp.
inline constexpr std::string_view kFileStampPrefix = "diplosearch.file.";
}  // namespace metadata

}  // namespace diplosearch::schema
