/// \file Cache.h
/// The content-addressed cache of `hastec run`: a second run of the same
/// program, entry types and options reuses the shared object it built.
#pragma once
#include <string>

namespace hx {

/// The cache directory: $HX_CACHE_DIR, else $XDG_CACHE_HOME/hastec, else
/// ~/.cache/hastec, else /tmp/hastec-cache-UID.
std::string cache_dir();
/// 64-bit FNV-1a of text, in hex.
std::string content_hash(const std::string& text);
/// If dir/key.txt holds exactly key and dir/lib.so exists, returns true.
bool cache_lookup(const std::string& dir, const std::string& key);
/// Records key for a freshly built dir/lib.so (written atomically).
void cache_store(const std::string& dir, const std::string& key);
bool make_dirs(const std::string& path);
bool write_file(const std::string& path, const std::string& data);

}  // namespace hx
