/// @file
/// @brief Copies a shard's spelling data into its lexicon, changing only what differs.
#include "shard_lexicon.hpp"

#include <xapian.h>

#include "database.hpp"

namespace diplosearch::indexer {

void copy_spelling(const std::string& shard_path, const std::string& lexicon_path) {
    const Xapian::Database shard = database::open_for_reading(shard_path);
    try {
        Xapian::WritableDatabase lexicon(lexicon_path, Xapian::DB_CREATE_OR_OPEN);
        // The words are read from a separate handle on the committed lexicon,
        // so the changes made below cannot disturb the iteration.
        const Xapian::Database current(lexicon_path);
        // Both lists are sorted: a merge touches each word once, and a job
        // that changed a few documents rewrites a few words, not the table.
        auto want = shard.spellings_begin();
        auto have = current.spellings_begin();
        while (want != shard.spellings_end() || have != current.spellings_end()) {
            const bool take_want = have == current.spellings_end() ||
                                   (want != shard.spellings_end() && *want <= *have);
            const bool take_have = want == shard.spellings_end() ||
                                   (have != current.spellings_end() && *have <= *want);
            const Xapian::termcount wanted = take_want ? want.get_termfreq() : 0;
            const Xapian::termcount held = take_have ? have.get_termfreq() : 0;
            const std::string word = take_want ? *want : *have;
            if (wanted > held) lexicon.add_spelling(word, wanted - held);
            if (held > wanted) lexicon.remove_spelling(word, held - wanted);
            if (take_want) ++want;
            if (take_have) ++have;
        }
        lexicon.commit();
    } catch (const Xapian::Error& e) {
        database::rethrow(e, lexicon_path);
    }
}

}  // namespace diplosearch::indexer
