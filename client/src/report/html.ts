// The report's HTML lives in shared/report/ (pure functions: the view here and `xent eval --html` draw the same
// page); re-exported for the panel.
export { heatMap, reportBody, reportDocument, reportPage, REPORT_CSS, SVG_CSS } from '../../../shared/report/html';
