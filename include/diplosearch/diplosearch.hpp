/// @file
/// @brief Umbrella header: everything an embedding service needs.
#pragma once

#include "diplosearch/document.hpp"
#include "diplosearch/errors.hpp"
#include "diplosearch/indexer.hpp"
#include "diplosearch/searcher.hpp"
#include "diplosearch/version.hpp"
