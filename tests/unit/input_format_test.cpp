// @brief Unit tests of indexer/input_format.hpp: --format names and extensions.
#include "input_format.hpp"

#include <catch2/catch.hpp>
#include <optional>
#include <string>

using diplosearch::indexer::format_from_path;
using diplosearch::indexer::InputFormat;
using diplosearch::indexer::parse_format_name;

TEST_CASE("input format names parse, case-insensitively", "[unit][input_format]") {
    struct Case {
        std::string name;
        InputFormat format;
    };
    const auto c = GENERATE(values<Case>({
        {"jsonl", InputFormat::kJsonl},
        {"ndjson", InputFormat::kJsonl},
        {"json", InputFormat::kJson},
        {"JSON", InputFormat::kJson},
        {"text", InputFormat::kText},
        {"txt", InputFormat::kText},
        {"markdown", InputFormat::kMarkdown},
        {"md", InputFormat::kMarkdown},
        {"Html", InputFormat::kHtml},
        {"htm", InputFormat::kHtml},
        {"pdf", InputFormat::kPdf},
        {"DOCX", InputFormat::kDocx},
        {"odt", InputFormat::kOdt},
        {"eml", InputFormat::kEmail},
        {"email", InputFormat::kEmail},
    }));
    INFO(c.name);
    CHECK(parse_format_name(c.name) == c.format);
}

TEST_CASE("input format names that are not formats give nullopt", "[unit][input_format]") {
    const std::string name =
        GENERATE(as<std::string>{}, "", "xml", "doc", "zst", ".md", "md ", "jsonlines", "j");
    INFO("'" << name << "'");
    CHECK_FALSE(parse_format_name(name).has_value());
}

TEST_CASE("input format from a path's extension, looking through .zst", "[unit][input_format]") {
    struct Case {
        std::string path;
        std::optional<InputFormat> format;
    };
    const auto c = GENERATE(values<Case>({
        {"feeds/wire.jsonl", InputFormat::kJsonl},
        {"feeds/wire.ndjson", InputFormat::kJsonl},
        {"ungdc.jsonl.zst", InputFormat::kJsonl},
        {"archive/collection.json", InputFormat::kJson},
        {"press/statement.txt", InputFormat::kText},
        {"press/statement.text.zst", InputFormat::kText},
        {"news/a.md", InputFormat::kMarkdown},
        {"news/A.MARKDOWN", InputFormat::kMarkdown},
        {"web/page.html", InputFormat::kHtml},
        {"web/page.HTM", InputFormat::kHtml},
        {"/abs/dir.with.dots/page.html", InputFormat::kHtml},
        {"dir.md/README", std::nullopt},
        {"README", std::nullopt},
        {".md", std::nullopt},
        {"docs/.html", std::nullopt},
        {"archive.zst", std::nullopt},
        {"archive.tar.gz", std::nullopt},
        {"report.pdf", InputFormat::kPdf},
        {"scan.PDF.zst", InputFormat::kPdf},
        {"statement.docx", InputFormat::kDocx},
        {"statement.doc", std::nullopt},
        {"statement.odt", InputFormat::kOdt},
        {"cables/2015-04-21.eml", InputFormat::kEmail},
        {"mail.msg", std::nullopt},
        {"file.md.bak", std::nullopt},
        {"file.zst.md", InputFormat::kMarkdown},
        {"", std::nullopt},
    }));
    INFO(c.path);
    CHECK(format_from_path(c.path) == c.format);
}

TEST_CASE("pdf docx odt and e-mail are read as bytes and the text formats are not",
          "[unit][input_format]") {
    using diplosearch::indexer::is_binary_format;
    for (const auto format :
         {InputFormat::kPdf, InputFormat::kDocx, InputFormat::kOdt, InputFormat::kEmail}) {
        CHECK(is_binary_format(format));
    }
    for (const auto format : {InputFormat::kJsonl, InputFormat::kJson, InputFormat::kText,
                              InputFormat::kMarkdown, InputFormat::kHtml}) {
        CHECK_FALSE(is_binary_format(format));
    }
}
