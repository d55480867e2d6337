/// @file
/// @brief Reads SOURCE arguments (files, directories, stdin) in any supported
/// format and hands out raw documents, reporting bad input without stopping.
#pragma once

#include <functional>
#include <optional>
#include <string>

#include "byte_stream.hpp"
#include "diplosearch/document.hpp"
#include "diplosearch/indexer.hpp"
#include "input_format.hpp"
#include "source_walker.hpp"

namespace diplosearch::indexer {

/// A parsed, not yet normalised document and where it came from.
struct SourceDocument {
    Document document;
    std::string origin;       ///< File name, or `-` for stdin.
    std::uint64_t line = 0;   ///< 1-based JSONL line; 0 for whole-file formats.
    std::string fallback_id;  ///< Stable id to use when the document has none.
    std::string origin_key;   ///< The source file's absolute path; "" for stdin.
};

class DocumentReader {
  public:
    /// Receives each document. May throw std::invalid_argument to reject it.
    using DocumentSink = std::function<void(SourceDocument&&)>;
    using ProblemSink = std::function<void(const InputProblem&)>;

    /// @param format forces one format for every file; nullopt picks by extension.
    DocumentReader(std::optional<InputFormat> format, DocumentSink on_document,
                   ProblemSink on_problem);

    /// Reads a file, a directory (recursively, sorted) or `-` (JSONL on stdin).
    void read_source(const std::string& source);

    /// Reads one listed file in its format.
    void read_file(const SourceFile& file);

    /// Reads JSONL records from @p stream; @p name labels problems, @p id_base derived ids.
    void read_jsonl(ByteStream& stream, const std::string& name, const std::string& id_base);

  private:
    void read_listed_file(const SourceFile& file);
    void read_json(const std::string& content, const SourceFile& file);
    void read_binary(const std::string& content, InputFormat format, const SourceFile& file);
    template <typename Parse>
    void deliver(Parse&& parse, const std::string& origin, std::uint64_t line,
                 const std::string& fallback_id);
    void report(ProblemKind kind, const std::string& source, std::uint64_t line,
                const std::string& reason);

    std::optional<InputFormat> m_format;
    DocumentSink m_on_document;
    ProblemSink m_on_problem;
    std::string m_origin_key;  // Of the file being read.
};

}  // namespace diplosearch::indexer
