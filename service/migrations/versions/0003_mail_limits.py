"""mail_sends: per-recipient limit on mails the public forms trigger

Revision ID: 0003_mail_limits
Revises: 0002_rate_limits
"""
from alembic import op
import sqlalchemy as sa


revision = '0003_mail_limits'
down_revision = '0002_rate_limits'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('mail_sends',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('recipient', sa.String(length=64), nullable=False),
    sa.Column('sent_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_mail_sends'))
    )
    with op.batch_alter_table('mail_sends', schema=None) as batch_op:
        batch_op.create_index('ix_mail_sends_recipient_sent_at', ['recipient', 'sent_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_mail_sends_sent_at'), ['sent_at'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('mail_sends', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_mail_sends_sent_at'))
        batch_op.drop_index('ix_mail_sends_recipient_sent_at')
    op.drop_table('mail_sends')
