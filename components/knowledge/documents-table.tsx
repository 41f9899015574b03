"use client";

import { RefreshCw, Trash2 } from "lucide-react";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { formatBytes, formatRelative } from "@/components/ui/format";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { DocumentStatusBadge } from "./document-status-badge";

export interface DocumentRowView {
  id: string;
  title: string;
  fileName: string;
  status: string;
  error: string | null;
  sizeBytes: number;
  chunkCount: number;
  updatedAt: Date;
}

/** A base's documents with their ingestion status; a row opens its chunks. */
export function DocumentsTable({
  documents,
  openId,
  onOpen,
  onDelete,
  onReindex,
}: {
  documents: DocumentRowView[];
  openId: string | null;
  onOpen: (document: DocumentRowView) => void;
  onDelete: (document: DocumentRowView) => void;
  onReindex: (document: DocumentRowView) => void;
}) {
  return (
    <Table>
      <TableHeader>
        <TableRow>
          <TableHead>Title</TableHead>
          <TableHead>Status</TableHead>
          <TableHead className="text-right">Size</TableHead>
          <TableHead className="text-right">Chunks</TableHead>
          <TableHead>Updated</TableHead>
          <TableHead className="w-20" />
        </TableRow>
      </TableHeader>
      <TableBody>
        {documents.map((doc) => (
          <TableRow
            key={doc.id}
            data-testid="document-row"
            data-status={doc.status}
            className={cn("cursor-pointer", openId === doc.id && "bg-primary/5")}
            onClick={() => onOpen(doc)}
          >
            <TableCell>
              <span className="font-medium">{doc.title}</span>
              <p className="font-mono text-xs text-muted-foreground">{doc.fileName}</p>
            </TableCell>
            <TableCell>
              <DocumentStatusBadge status={doc.status} />
              {doc.error && (
                <p className="mt-1 max-w-sm text-xs text-destructive" data-testid="document-error">
                  {doc.error}
                </p>
              )}
            </TableCell>
            <TableCell className="text-right tabular-nums">{formatBytes(doc.sizeBytes)}</TableCell>
            <TableCell className="text-right tabular-nums">{doc.chunkCount}</TableCell>
            <TableCell className="whitespace-nowrap text-muted-foreground">{formatRelative(doc.updatedAt)}</TableCell>
            <TableCell>
              <div className="flex justify-end" onClick={(e) => e.stopPropagation()}>
                <Button variant="ghost" size="icon" title="Re-index" onClick={() => onReindex(doc)}>
                  <RefreshCw />
                  <span className="sr-only">Re-index document {doc.title}</span>
                </Button>
                <Button variant="ghost" size="icon" className="text-destructive hover:bg-red-50" title="Delete" onClick={() => onDelete(doc)}>
                  <Trash2 />
                  <span className="sr-only">Delete document {doc.title}</span>
                </Button>
              </div>
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
