// The report's view model: everything the templates print, already formatted (templates hold no logic).

export interface Cell {
  readonly text: string;
  /** Optional link target inside the document ("#F-1234"). */
  readonly href?: string;
  /** A status word shown as a badge (its text is always printed too: status is never shown by colour alone). */
  readonly badge?: 'ok' | 'bad' | 'warn' | 'na' | 'info';
  /** Monospace (ids, YAML, digests). */
  readonly code?: boolean;
  /** Plain text printed after a badge, so the badge stays one short word ("reviewed" + "#21 by Priya"). */
  readonly detail?: string;
  /** A list of ids printed comma-separated, each kept whole on one line (a finding id never splits at its "-"). */
  readonly items?: readonly string[];
}

export interface Table {
  readonly id?: string;
  readonly caption?: string;
  readonly columns: readonly string[];
  /** Relative column widths in percent (tables use a fixed layout so they never run off the page). */
  readonly widths?: readonly number[];
  readonly rows: readonly (readonly Cell[])[];
  /** Shown instead of the table when there are no rows. */
  readonly empty: string;
  /** "Showing 50 of 1,234 — the full list is in connectivity.csv". */
  readonly note?: string;
}

export interface Block {
  readonly heading?: string;
  readonly id?: string;
  readonly paragraphs?: readonly string[];
  readonly facts?: readonly { readonly label: string; readonly value: string; readonly code?: boolean }[];
  readonly tables?: readonly Table[];
  /** Inline SVG made by our own code from numbers (trusted markup). */
  readonly svg?: string;
  readonly pre?: string;
}

export interface Section {
  readonly id: string;
  readonly title: string;
  readonly intro?: string;
  readonly blocks: readonly Block[];
  /** One line saying what input would fill it: printed without a page of its own. */
  readonly compact?: boolean;
}

export interface ReportView {
  readonly title: string;
  readonly lang: string;
  readonly css: string;
  readonly cover: {
    readonly organisation: string;
    readonly heading: string;
    readonly facts: readonly { readonly label: string; readonly value: string; readonly code?: boolean }[];
    readonly banner?: { readonly kind: 'warn' | 'bad' | 'info'; readonly text: string };
  };
  readonly toc: readonly { readonly id: string; readonly title: string; readonly page?: string }[];
  readonly sections: readonly Section[];
  /** Text for the PDF page header. */
  readonly headerText: string;
}
