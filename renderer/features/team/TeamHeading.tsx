/**
 * A team table's column heading: short on screen so every column fits at 1024 px in Russian, the
 * full wording for a screen reader, on hover and on paper (team.css prints `.team-full`).
 */
export function TeamHeading(props: {
  full: string;
  short: string;
  scope?: 'col' | 'colgroup';
  colSpan?: number;
  rowSpan?: number;
}) {
  const { full, short, scope = 'col', colSpan, rowSpan } = props;
  return (
    <th scope={scope} colSpan={colSpan} rowSpan={rowSpan}>
      {short === full ? (
        full
      ) : (
        <>
          <span className="sr-only team-full">{full}</span>
          <span aria-hidden="true" className="team-short" title={full}>
            {short}
          </span>
        </>
      )}
    </th>
  );
}
