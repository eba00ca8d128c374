import './errorBoundary.css';
import { Component, type ErrorInfo, type ReactNode } from 'react';

interface Props {
  /** What the dispatcher calls this part of the screen, e.g. "incident queue". */
  panel: string;
  children: ReactNode;
}

interface State {
  error: Error | null;
}

/**
 * One panel's failure stays in that panel. Without this a single bad record (an incident the
 * queue cannot draw) unmounts the whole console: map, alarms and all. The dispatcher reads what
 * failed and can try it again; everything else keeps running.
 */
export class ErrorBoundary extends Component<Props, State> {
  override state: State = { error: null };

  static getDerivedStateFromError(error: unknown): State {
    return { error: error instanceof Error ? error : new Error(String(error)) };
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    // The console's log is what a support engineer asks for: keep where it failed.
    console.error(`The ${this.props.panel} failed:`, error, info.componentStack);
  }

  private readonly retry = () => this.setState({ error: null });

  override render(): ReactNode {
    const { error } = this.state;
    if (!error) return this.props.children;
    const { panel } = this.props;
    return (
      <section className="panel-failed" role="alert" aria-label={`The ${panel} failed`}>
        <p>
          <strong>The {panel} stopped working</strong>: {error.message || error.name}
        </p>
        <p className="panel-failed-hint">The rest of the console still works. If trying again fails too, reload the console.</p>
        <button type="button" onClick={this.retry}>
          Try again
        </button>
      </section>
    );
  }
}
