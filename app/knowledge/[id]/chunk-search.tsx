"use client";

import { useQuery } from "@tanstack/react-query";
import { Search } from "lucide-react";
import { useState } from "react";
import { SearchHit } from "@/components/knowledge/search-hit";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { LoadError, Loading } from "@/components/ui/load-states";
import { Select } from "@/components/ui/select";
import type { RetrievalMode } from "@/server/knowledge/store";
import { useTRPC } from "../../_trpc/client";
import { errorMessage } from "../../_trpc/error-message";

const modeLabels: Record<RetrievalMode, string> = { bm25: "BM25", dense: "Dense", hybrid: "Hybrid" };

/** Searches the base the way the retriever nodes do, so a person sees what a pipeline would get. */
export function ChunkSearch({
  knowledgeBaseId,
  hasEmbedder,
  onOpenDocument,
}: {
  knowledgeBaseId: string;
  /** Dense and hybrid search need the base to have an embedder. */
  hasEmbedder: boolean;
  onOpenDocument: (document: { id: string; title: string }) => void;
}) {
  const trpc = useTRPC();
  const [text, setText] = useState("");
  const [mode, setMode] = useState<RetrievalMode>("bm25");
  const [query, setQuery] = useState("");
  const searchMode = hasEmbedder ? mode : "bm25";
  const results = useQuery({
    ...trpc.knowledgeBase.search.queryOptions({ id: knowledgeBaseId, query, mode: searchMode, topK: 20 }),
    enabled: query !== "",
  });

  return (
    <div className="flex flex-col gap-3">
      <form
        className="flex gap-2"
        role="search"
        onSubmit={(e) => {
          e.preventDefault();
          setQuery(text.trim());
        }}
      >
        <Input aria-label="Search this knowledge base" placeholder="Search the chunks of this knowledge base…" value={text} onChange={(e) => setText(e.target.value)} />
        {hasEmbedder && (
          <div className="w-32 shrink-0">
            <Select aria-label="Retrieval mode" value={mode} onChange={(e) => setMode(e.target.value as RetrievalMode)}>
              {(Object.keys(modeLabels) as RetrievalMode[]).map((value) => (
                <option key={value} value={value}>
                  {modeLabels[value]}
                </option>
              ))}
            </Select>
          </div>
        )}
        <Button type="submit" variant="secondary" disabled={text.trim() === ""}>
          <Search />
          Search
        </Button>
      </form>
      {query !== "" &&
        (results.isPending ? (
          <Loading what="matching chunks" />
        ) : results.error ? (
          <LoadError message={errorMessage(results.error)} onRetry={() => results.refetch()} />
        ) : results.data.passages.length === 0 ? (
          <p className="text-sm text-muted-foreground">No chunk matches “{query}”.</p>
        ) : (
          <>
            <p className="text-xs text-muted-foreground">
              {results.data.passages.length} chunk{results.data.passages.length === 1 ? "" : "s"} by {modeLabels[searchMode]}
              {results.data.embedder && ` · query embedded with ${results.data.embedder}`}
            </p>
            <ol className="flex flex-col gap-2" aria-label="Search results">
              {results.data.passages.map((hit) => (
                <SearchHit key={hit.id} hit={hit} scoreLabel={`${modeLabels[searchMode]} score`} onOpenDocument={onOpenDocument} />
              ))}
            </ol>
          </>
        ))}
    </div>
  );
}
