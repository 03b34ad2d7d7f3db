import { Link } from 'react-router';

/** Any path the explorer does not know. */
export function NotFoundPage() {
  return (
    <div className="page">
      <div className="message warn" role="alert">
        <div>
          <p className="title">There is no page here</p>
          <p>The address does not match any page of the explorer. <Link to="/">Go to search</Link> or open the <Link to="/services">service map</Link>.</p>
        </div>
      </div>
    </div>
  );
}
